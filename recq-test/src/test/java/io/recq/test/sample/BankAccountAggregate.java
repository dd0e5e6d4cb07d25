package io.recq.test.sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.DomainEvent;
import io.recq.api.EventSourcingHandler;

/**
 * A bank account: opened once, money in and out within the overdraft limit, closed by paying out the
 * balance.
 */
@Aggregate
public class BankAccountAggregate {

    @AggregateCommandHandler(init = true)
    AccountOpened open(OpenAccount command, Instant now) {
        if (command.owner() == null || command.owner().isBlank()) {
            throw new IllegalArgumentException("An account needs an owner");
        }
        return new AccountOpened(command.accountId(), command.owner(), command.overdraftLimit(), now);
    }

    @AggregateCommandHandler
    MoneyDeposited deposit(DepositMoney command, BankAccount account) {
        if (command.amount() <= 0) {
            throw new IllegalArgumentException("A deposit must be positive, got " + command.amount());
        }
        return new MoneyDeposited(command.accountId(), command.amount(), command.transferId());
    }

    @AggregateCommandHandler
    MoneyWithdrawn withdraw(WithdrawMoney command, BankAccount account) {
        if (account.getBalance() + account.getOverdraftLimit() < command.amount()) {
            throw new InsufficientFundsException("Account " + command.accountId() + " has " + account.getBalance()
                    + " and may not withdraw " + command.amount());
        }
        return new MoneyWithdrawn(command.accountId(), command.amount(), command.transferId());
    }

    @AggregateCommandHandler
    List<DomainEvent> close(CloseAccount command, BankAccount account) {
        List<DomainEvent> events = new ArrayList<>();
        if (account.getBalance() > 0) {
            events.add(new MoneyWithdrawn(command.accountId(), account.getBalance(), null));
        }
        events.add(new AccountClosed(command.accountId()));
        return events;
    }

    @EventSourcingHandler
    void on(AccountOpened event, BankAccount account) {
        account.setOwner(event.owner());
        account.setOverdraftLimit(event.overdraftLimit());
    }

    @EventSourcingHandler
    BankAccount on(MoneyDeposited event, BankAccount account) {
        account.setBalance(account.getBalance() + event.amount());
        return account;
    }

    @EventSourcingHandler
    void on(MoneyWithdrawn event, BankAccount account) {
        account.setBalance(account.getBalance() - event.amount());
    }

    @EventSourcingHandler
    void on(AccountClosed event, BankAccount account) {
        account.setDeleted(true);
    }
}
