package io.recq.bench.account;

import jakarta.inject.Inject;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.EventSourcingHandler;
import io.recq.bench.probe.CommitProbe;

/**
 * An account. A snapshot every 20 events bounds what each command loads (override with
 * {@code recq.aggregate.AccountAggregate.snapshot-frequency}).
 */
@Aggregate(snapshotFrequency = 20)
public class AccountAggregate {

    @Inject
    CommitProbe probe;

    @AggregateCommandHandler(init = true)
    AccountOpened open(OpenAccount command) {
        return new AccountOpened(command.aggregateId());
    }

    @AggregateCommandHandler
    Deposited deposit(Deposit command, AccountState state) {
        if (command.amount() <= 0) {
            throw new IllegalArgumentException("a deposit must be positive, got " + command.amount());
        }
        probe.onCommandCommit(command.ticket());
        return new Deposited(command.aggregateId(), command.amount(), command.ticket());
    }

    @EventSourcingHandler
    void on(AccountOpened event, AccountState state) {
        state.setBalance(0);
    }

    @EventSourcingHandler
    void on(Deposited event, AccountState state) {
        state.setBalance(state.getBalance() + event.amount());
    }
}
