package io.recq.test.sample;

import io.recq.api.DomainCommand;

public record WithdrawMoney(String accountId, long amount, String transferId) implements DomainCommand {

    @Override
    public String aggregateId() {
        return accountId;
    }
}
