package io.recq.test.sample;

import io.recq.api.DomainCommand;

public record CloseAccount(String accountId) implements DomainCommand {

    @Override
    public String aggregateId() {
        return accountId;
    }
}
