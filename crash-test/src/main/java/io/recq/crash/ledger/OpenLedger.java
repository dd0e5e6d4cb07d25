package io.recq.crash.ledger;

import io.recq.api.DomainCommand;

/**
 * Opens the ledger of an account.
 *
 * @param aggregateId the ledger id, {@link LedgerAggregate#idOf(String)} of the account
 */
public record OpenLedger(String aggregateId) implements DomainCommand {
}
