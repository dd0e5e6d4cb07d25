package io.recq.crash.ledger;

import io.recq.api.DomainEvent;

/**
 * A ledger was opened.
 *
 * @param ledgerId the ledger id
 */
public record LedgerOpened(String ledgerId) implements DomainEvent {

    /** The context of the ledger events. */
    public static final String CONTEXT = "ledgers";

    @Override
    public String context() {
        return CONTEXT;
    }
}
