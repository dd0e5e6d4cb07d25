package io.recq.crash.ledger;

import io.recq.api.CommandGateway;
import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;
import io.recq.crash.account.Deposited;

/**
 * For every deposit of at least {@link #THRESHOLD}, sends {@link RecordDeposit} to the account's ledger; the
 * command commits with the saga's new instance (its state and position). The instance ends when the ledger has
 * recorded the deposit, so an instance left behind is a command that has not run (yet).
 */
@Saga
public class LargeDepositSaga {

    /** The smallest amount the ledger records. */
    public static final long THRESHOLD = 900;

    @SagaEventHandler(init = true, associationProperty = "depositId")
    LargeDepositState on(Deposited event, CommandGateway commands) {
        if (event.amount() < THRESHOLD) {
            return null;
        }
        LargeDepositState state = new LargeDepositState();
        state.setAccountId(event.accountId());
        commands.send(new RecordDeposit(LedgerAggregate.idOf(event.accountId()), event.depositId(), event.amount()));
        return state;
    }

    @SagaEventHandler(associationProperty = "depositId")
    void on(DepositRecorded event, LargeDepositState state) {
        state.setEnded(true);
    }
}
