package io.recq.crash.ledger;

import io.recq.api.DomainCommand;

/**
 * Records a large deposit in a ledger; sent by {@link LargeDepositSaga}.
 *
 * @param aggregateId the ledger id
 * @param depositId the deposit's id
 * @param amount the deposit's amount
 */
public record RecordDeposit(String aggregateId, String depositId, long amount) implements DomainCommand {
}
