package io.recq.cdi.command;

import java.util.List;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.AggregateState;
import io.recq.api.CommandHandler;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.EventSourcingHandler;
import io.recq.api.Metadata;
import io.recq.api.Service;
import io.recq.api.ServiceCommand;
import io.recq.api.ServiceEvent;
import io.recq.cdi.runtime.HandlerScope;

/**
 * A small bank domain for the command runtime's tests.
 */
final class Bank {

    private Bank() {
    }

    public record OpenAccount(String aggregateId, String owner) implements DomainCommand {
    }

    public record Deposit(String aggregateId, long amount) implements DomainCommand {
    }

    public record Withdraw(String aggregateId, long amount) implements DomainCommand {
    }

    public record SplitDeposit(String aggregateId, long first, long second) implements DomainCommand {
    }

    public record CloseAccount(String aggregateId) implements DomainCommand {
    }

    public record AccountOpened(String aggregateId, String owner) implements DomainEvent {
    }

    public record Deposited(String aggregateId, long amount) implements DomainEvent {
        @Override
        public String context() {
            return "money";
        }
    }

    public record Withdrawn(String aggregateId, long amount) implements DomainEvent {
    }

    public record AccountClosed(String aggregateId) implements DomainEvent {
    }

    public record Notify(String to) implements ServiceCommand {
    }

    public record Ping(String to) implements ServiceCommand {
    }

    public record Notified(String to) implements ServiceEvent {
    }

    public static class InsufficientFunds extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InsufficientFunds(String message) {
            super(message);
        }
    }

    public static class AccountState extends AggregateState {
        private String owner;
        private long balance;

        public String getOwner() {
            return owner;
        }

        public void setOwner(String owner) {
            this.owner = owner;
        }

        public long getBalance() {
            return balance;
        }

        public void setBalance(long balance) {
            this.balance = balance;
        }
    }

    @Aggregate
    public static class AccountAggregate {

        HandlerScope.Frame lastFrame;
        Metadata lastMetadata;

        @AggregateCommandHandler(init = true)
        AccountOpened open(OpenAccount command) {
            return new AccountOpened(command.aggregateId(), command.owner());
        }

        @AggregateCommandHandler
        Deposited deposit(Deposit command, AccountState state, Metadata metadata) {
            lastFrame = HandlerScope.current().orElseThrow();
            lastMetadata = metadata;
            return new Deposited(command.aggregateId(), command.amount());
        }

        @AggregateCommandHandler
        List<DomainEvent> split(SplitDeposit command) {
            return List.of(new Deposited(command.aggregateId(), command.first()),
                    new Deposited(command.aggregateId(), command.second()));
        }

        @AggregateCommandHandler
        Withdrawn withdraw(Withdraw command, AccountState state) {
            if (state.getBalance() < command.amount()) {
                throw new InsufficientFunds("balance " + state.getBalance() + " < " + command.amount());
            }
            return new Withdrawn(command.aggregateId(), command.amount());
        }

        @AggregateCommandHandler
        AccountClosed close(CloseAccount command) {
            return new AccountClosed(command.aggregateId());
        }

        @EventSourcingHandler
        void on(AccountOpened event, AccountState state) {
            state.setOwner(event.owner());
        }

        @EventSourcingHandler
        AccountState on(Deposited event, AccountState state) {
            if (event.amount() < 0) {
                throw new IllegalArgumentException("negative deposit " + event.amount());
            }
            state.setBalance(state.getBalance() + event.amount());
            return state;
        }

        @EventSourcingHandler
        void on(Withdrawn event, AccountState state) {
            state.setBalance(state.getBalance() - event.amount());
        }

        @EventSourcingHandler
        void on(AccountClosed event, AccountState state) {
            state.setDeleted(true);
        }
    }

    @Service
    public static class Notifier {

        HandlerScope.Frame lastFrame;

        @CommandHandler
        Notified notify(Notify command) {
            lastFrame = HandlerScope.current().orElseThrow();
            return new Notified(command.to());
        }

        @CommandHandler
        void ping(Ping command) {
            // nothing happens
        }
    }
}
