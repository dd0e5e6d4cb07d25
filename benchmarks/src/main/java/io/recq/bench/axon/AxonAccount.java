package io.recq.bench.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import io.recq.bench.axon.AxonMessages.AccountOpened;
import io.recq.bench.axon.AxonMessages.Deposit;
import io.recq.bench.axon.AxonMessages.Deposited;
import io.recq.bench.axon.AxonMessages.OpenAccount;
import io.recq.bench.probe.CommitProbe;

/**
 * An account, event-sourced by Axon: the same rules as RECQ's {@code AccountAggregate}. Snapshots (every 20
 * events, as RECQ's) are the aggregate itself serialized by Jackson, hence its fields are visible to Jackson.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class AxonAccount {

    @AggregateIdentifier
    private String accountId;

    private long balance;

    protected AxonAccount() {
        // for Axon, which sources the aggregate from its events or its snapshot
    }

    /**
     * Opens the account.
     *
     * @param command the command
     */
    @CommandHandler
    public AxonAccount(OpenAccount command) {
        apply(new AccountOpened(command.accountId()));
    }

    /**
     * Deposits, and answers with the event, as RECQ's aggregate does.
     *
     * @param command the command
     * @param probe the benchmark's commit probe, a component of Axon's configuration
     * @return the event
     */
    @CommandHandler
    public Deposited deposit(Deposit command, CommitProbe probe) {
        if (command.amount() <= 0) {
            throw new IllegalArgumentException("a deposit must be positive, got " + command.amount());
        }
        probe.onCommandCommit(command.ticket());
        Deposited event = new Deposited(command.accountId(), command.amount(), command.ticket());
        apply(event);
        return event;
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        accountId = event.accountId();
        balance = 0;
    }

    @EventSourcingHandler
    void on(Deposited event) {
        balance += event.amount();
    }
}
