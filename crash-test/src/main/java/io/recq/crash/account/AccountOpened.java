package io.recq.crash.account;

import io.recq.api.DomainEvent;

/**
 * An account was opened.
 *
 * @param accountId the account id
 */
public record AccountOpened(String accountId) implements DomainEvent {

    /** The context of the account events. */
    public static final String CONTEXT = "accounts";

    @Override
    public String context() {
        return CONTEXT;
    }
}
