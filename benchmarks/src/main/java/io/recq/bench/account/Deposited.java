package io.recq.bench.account;

import io.recq.api.DomainEvent;

/**
 * An amount was deposited on an account.
 *
 * @param accountId the account id
 * @param amount the amount
 * @param ticket the benchmark's number of the command, or 0
 */
public record Deposited(String accountId, long amount, long ticket) implements DomainEvent {

    @Override
    public String context() {
        return AccountOpened.CONTEXT;
    }
}
