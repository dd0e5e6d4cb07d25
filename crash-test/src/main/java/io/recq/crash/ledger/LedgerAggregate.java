package io.recq.crash.ledger;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.EventSourcingHandler;

/**
 * The ledger of one account. It records every {@link RecordDeposit} it receives, a repeated one included: a
 * command that runs twice shows as two {@link DepositRecorded} events with the same deposit id.
 */
@Aggregate(snapshotFrequency = 20)
public class LedgerAggregate {

    /**
     * @param accountId an account id
     * @return the id of that account's ledger
     */
    public static String idOf(String accountId) {
        return "ledger-" + accountId;
    }

    @AggregateCommandHandler(init = true)
    LedgerOpened open(OpenLedger command) {
        return new LedgerOpened(command.aggregateId());
    }

    @AggregateCommandHandler
    DepositRecorded record(RecordDeposit command, LedgerState state) {
        return new DepositRecorded(command.aggregateId(), command.depositId(), command.amount());
    }

    @EventSourcingHandler
    void on(LedgerOpened event, LedgerState state) {
        state.setRecorded(0);
    }

    @EventSourcingHandler
    void on(DepositRecorded event, LedgerState state) {
        state.setRecorded(state.getRecorded() + 1);
    }
}
