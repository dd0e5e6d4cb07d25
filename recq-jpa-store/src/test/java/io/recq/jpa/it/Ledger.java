package io.recq.jpa.it;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.transaction.TransactionSynchronizationRegistry;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.AggregateState;
import io.recq.api.CommandHandler;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.EventSourcingHandler;
import io.recq.api.Service;
import io.recq.api.ServiceCommand;
import io.recq.api.ServiceEvent;

/**
 * The domain of the in-server store tests: a ledger aggregate and a stamping service.
 */
public final class Ledger {

    private Ledger() {
    }

    public record OpenLedger(String aggregateId) implements DomainCommand {
    }

    public record Post(String aggregateId, long amount) implements DomainCommand {
    }

    public record Overdraw(String aggregateId) implements DomainCommand {
    }

    public record CloseLedger(String aggregateId) implements DomainCommand {
    }

    public record LedgerOpened(String aggregateId) implements DomainEvent {
    }

    public record Posted(String aggregateId, long amount, long balance) implements DomainEvent {
        @Override
        public String context() {
            return "ledger";
        }
    }

    public record LedgerClosed(String aggregateId) implements DomainEvent {
    }

    public record Stamp(String document) implements ServiceCommand {
    }

    public record Stamped(String document) implements ServiceEvent {
    }

    /** Handled without an exception, but its transaction can never commit. */
    public record Doom(String document) implements ServiceCommand {
    }

    public static class LedgerRejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public LedgerRejected(String message) {
            super(message);
        }
    }

    public static class LedgerState extends AggregateState {
        private long balance;

        public long getBalance() {
            return balance;
        }

        public void setBalance(long balance) {
            this.balance = balance;
        }
    }

    @Aggregate(snapshotFrequency = 50)
    public static class LedgerAggregate {

        @AggregateCommandHandler(init = true)
        LedgerOpened open(OpenLedger command) {
            return new LedgerOpened(command.aggregateId());
        }

        @AggregateCommandHandler
        Posted post(Post command, LedgerState state) {
            return new Posted(command.aggregateId(), command.amount(), state.getBalance() + command.amount());
        }

        @AggregateCommandHandler
        Posted overdraw(Overdraw command, LedgerState state) {
            throw new LedgerRejected("ledger " + command.aggregateId() + " holds " + state.getBalance());
        }

        @AggregateCommandHandler
        LedgerClosed close(CloseLedger command) {
            return new LedgerClosed(command.aggregateId());
        }

        @EventSourcingHandler
        void on(LedgerOpened event, LedgerState state) {
            state.setBalance(0);
        }

        @EventSourcingHandler
        void on(Posted event, LedgerState state) {
            state.setBalance(event.balance());
        }

        @EventSourcingHandler
        void on(LedgerClosed event, LedgerState state) {
            state.setDeleted(true);
        }
    }

    @Service
    public static class Stamper {

        @CommandHandler
        Stamped stamp(Stamp command) {
            return new Stamped(command.document());
        }

        @CommandHandler
        Stamped doom(Doom command) {
            // by its standard name: WildFly also offers it as a CDI bean, Payara does not
            try {
                InitialContext.<TransactionSynchronizationRegistry>doLookup(
                        "java:comp/TransactionSynchronizationRegistry").setRollbackOnly();
            } catch (NamingException e) {
                throw new IllegalStateException(e);
            }
            return new Stamped(command.document());
        }
    }
}
