package io.recq.crash.ledger;

import io.recq.api.DomainEvent;

/**
 * A large deposit was recorded in a ledger.
 *
 * @param ledgerId the ledger id
 * @param depositId the deposit's id
 * @param amount the deposit's amount
 */
public record DepositRecorded(String ledgerId, String depositId, long amount) implements DomainEvent {

    @Override
    public String context() {
        return LedgerOpened.CONTEXT;
    }
}
