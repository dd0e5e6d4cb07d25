package io.recq.test.sample;

import io.recq.api.CommandGateway;
import io.recq.api.QueryGateway;
import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;

/**
 * Moves money between two accounts: checks that the target account exists, withdraws from the source,
 * then deposits into the target.
 */
@Saga
public class TransferSaga {

    @SagaEventHandler(init = true, associationProperty = "transferId")
    void on(TransferRequested event, TransferState transfer, QueryGateway queries, CommandGateway commands) {
        transfer.setFromAccount(event.fromAccount());
        transfer.setToAccount(event.toAccount());
        transfer.setAmount(event.amount());
        if (queries.queryAndWait(new FindAccount(event.toAccount())) == null) {
            transfer.setEnded(true);
            return;
        }
        commands.send(new WithdrawMoney(event.fromAccount(), event.amount(), event.transferId()));
    }

    @SagaEventHandler(associationProperty = "transferId")
    void on(MoneyWithdrawn event, TransferState transfer, CommandGateway commands) {
        transfer.setWithdrawn(true);
        commands.send(new DepositMoney(transfer.getToAccount(), event.amount(), event.transferId()));
    }

    @SagaEventHandler(associationProperty = "transferId")
    void on(MoneyDeposited event, TransferState transfer) {
        transfer.setEnded(true);
    }
}
