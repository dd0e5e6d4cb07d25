package io.recq.test.sample;

import io.recq.api.DomainCommand;

public record OpenAccount(String accountId, String owner, long overdraftLimit) implements DomainCommand {

    @Override
    public String aggregateId() {
        return accountId;
    }
}
