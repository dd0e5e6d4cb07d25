package io.recq.crash.account;

import io.recq.api.DomainEvent;

/**
 * An amount was deposited on an account.
 *
 * @param accountId the account id
 * @param amount the amount
 * @param depositId the client's id of the deposit
 */
public record Deposited(String accountId, long amount, String depositId) implements DomainEvent {

    @Override
    public String context() {
        return AccountOpened.CONTEXT;
    }
}
