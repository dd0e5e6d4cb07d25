package io.recq.crash.account;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.EventSourcingHandler;

/**
 * An account. A snapshot every 20 events bounds what each command loads.
 *
 * <p>{@link RiskyDeposit} is the poison command: while the {@link PoisonSwitch} is on, its handler returns
 * its event normally but marks the JTA transaction rollback-only, so the transaction fails at commit on every
 * delivery, like a handler whose write violates a constraint at flush. The command is redelivered and, after
 * {@code recq.command.max-deliveries}, dead-lettered.
 */
@Aggregate(snapshotFrequency = 20)
public class AccountAggregate {

    @Inject
    PoisonSwitch poison;

    @Inject
    NodeWork work;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @AggregateCommandHandler(init = true)
    AccountOpened open(OpenAccount command) {
        return new AccountOpened(command.aggregateId());
    }

    @AggregateCommandHandler
    Deposited deposit(Deposit command, AccountState state) {
        work.deposit();
        return deposited(command.aggregateId(), command.amount(), command.depositId());
    }

    @AggregateCommandHandler
    Deposited deposit(RiskyDeposit command, AccountState state) {
        if (!poison.isFixed()) {
            transactions.setRollbackOnly();
        }
        return deposited(command.aggregateId(), command.amount(), command.depositId());
    }

    private static Deposited deposited(String accountId, long amount, String depositId) {
        if (amount <= 0) {
            throw new IllegalArgumentException("a deposit must be positive, got " + amount);
        }
        return new Deposited(accountId, amount, depositId);
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
