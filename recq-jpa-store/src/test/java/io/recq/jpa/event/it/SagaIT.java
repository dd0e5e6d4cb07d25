package io.recq.jpa.event.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.AggregateState;
import io.recq.api.CommandGateway;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.EventHandler;
import io.recq.api.EventMessage;
import io.recq.api.EventSourcingHandler;
import io.recq.api.Metadata;
import io.recq.api.Projector;
import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;
import io.recq.api.SagaState;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.SagaStore;
import io.recq.cdi.spi.StoredEvent;
import io.recq.jpa.it.DefaultDataSourceSetup;

/**
 * Sagas and the event feed through the whole stack (gateway, JMS transport, command runtime, JPA store):
 * a transfer saga across two account aggregates starts on an event, sends commands from its handlers without
 * waiting for them inside its transaction, follows the transfer through associations it adds and removes,
 * and ends itself; its instance is gone afterwards, and the commands it sent carry the correlation of the
 * command that started it. A projector in the same deployment, polling only every 5 s, receives events
 * through the JMS event topic: the event-to-projection latency is printed, not asserted.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
class SagaIT {

    @Deployment
    static WebArchive deployment() {
        return RecqArchives.warWithTransport("saga-it", "recq.event.poll-interval-ms=5000\n");
    }

    @Inject
    CommandGateway commandGateway;

    @Inject
    EventStore eventStore;

    @Inject
    SagaStore sagaStore;

    @Test
    void transferSagaAcrossTwoAccountsEndsItselfAndItsCommandsCarryTheCorrelation() throws Exception {
        // given
        String from = "acc-" + UUID.randomUUID();
        String to = "acc-" + UUID.randomUUID();
        String transfer = "tr-" + UUID.randomUUID();
        String correlation = "corr-" + UUID.randomUUID();
        commandGateway.sendAndWait(new OpenAccount(from, 100));
        commandGateway.sendAndWait(new OpenAccount(to, 0));

        // when
        commandGateway.sendAndWait(new RequestTransfer(from, transfer, to, 30),
                Metadata.of(Metadata.CORRELATION_ID, correlation), Duration.ofSeconds(30));

        // then
        RecqArchives.await(Duration.ofSeconds(30), "the transfer's deposit", () -> find(to, "Deposited").isPresent());
        RecqArchives.await(Duration.ofSeconds(30), "the saga instance removed",
                () -> sagaStore.count("TransferSaga") == 0);
        StoredEvent requested = find(from, "TransferRequested").orElseThrow();
        StoredEvent withdrawn = find(from, "Withdrawn").orElseThrow();
        StoredEvent deposited = find(to, "Deposited").orElseThrow();
        assertEquals(correlation, requested.metadata().get(Metadata.CORRELATION_ID).orElse(null));
        assertEquals(correlation, withdrawn.metadata().get(Metadata.CORRELATION_ID).orElse(null),
                "the Withdraw command the saga sent carried the correlation");
        Metadata withdraw = Account.RECEIVED.get("Withdraw:" + transfer);
        assertEquals(correlation, withdraw.get(Metadata.CORRELATION_ID).orElse(null));
        assertEquals("event-" + requested.sequence(), withdraw.get(Metadata.CAUSATION_ID).orElse(null),
                "the saga's command names the event its handler handled as its cause");
        assertEquals(correlation, deposited.metadata().get(Metadata.CORRELATION_ID).orElse(null),
                "the Deposit command the saga sent carried the correlation");
        Metadata deposit = Account.RECEIVED.get("Deposit:" + transfer);
        assertEquals(correlation, deposit.get(Metadata.CORRELATION_ID).orElse(null));
        assertEquals("event-" + withdrawn.sequence(), deposit.get(Metadata.CAUSATION_ID).orElse(null));
        assertTrue(deposited.json().contains("\"amount\":30"), deposited.json());
        CompletableFuture<?> sent = TransferSaga.SENT.get(transfer);
        assertTrue(sent != null && sent.get(30, TimeUnit.SECONDS) != null,
                "the future of a command sent from a saga completes after the saga's transaction commits");
    }

    @Test
    void projectorReceivesNewEventsThroughTheEventTopicWithinMilliseconds() throws Exception {
        // given
        String account = "lat-" + UUID.randomUUID();
        commandGateway.sendAndWait(new OpenAccount(account, 0));
        RecqArchives.await(Duration.ofSeconds(30), "the projector is live", () -> LatencyProjector.SEEN.size() > 0);
        List<Long> latencies = new ArrayList<>();

        // when
        for (int i = 0; i < 200; i++) {
            String id = account + "-" + i;
            long sent = System.nanoTime();
            commandGateway.sendAndWait(new OpenAccount(id, i));
            RecqArchives.await(Duration.ofSeconds(4), "projection of " + id + " (the poll interval is 5 s)",
                    () -> LatencyProjector.SEEN.containsKey(id));
            latencies.add(LatencyProjector.SEEN.get(id) - sent);
        }

        // then
        Collections.sort(latencies);
        System.out.printf("SagaIT: command sent to event projected, 200 sequential commands: p50 %.2f ms, p99 %.2f ms,"
                + " max %.2f ms (event consumers poll only every 5000 ms)%n", latencies.get(100) / 1e6,
                latencies.get(197) / 1e6, latencies.get(199) / 1e6);
        assertTrue(latencies.get(199) < TimeUnit.SECONDS.toNanos(4));
    }

    private java.util.Optional<StoredEvent> find(String aggregateId, String type) {
        return eventStore.load(aggregateId, 0).stream().filter(e -> e.payloadName().equals(type)).findFirst();
    }

    // --- the domain

    public record OpenAccount(String aggregateId, long balance) implements DomainCommand {
    }

    public record RequestTransfer(String aggregateId, String transferId, String to, long amount)
            implements DomainCommand {
    }

    public record Withdraw(String aggregateId, String transferId, long amount) implements DomainCommand {
    }

    public record Deposit(String aggregateId, String transferId, long amount) implements DomainCommand {
    }

    public record AccountOpened(String accountId, long balance) implements DomainEvent {
    }

    public record TransferRequested(String accountId, String transferId, String to, long amount)
            implements DomainEvent {
    }

    public record Withdrawn(String accountId, String transferId, long amount) implements DomainEvent {
    }

    public record Deposited(String accountId, String transferId, long amount) implements DomainEvent {
    }

    public static class AccountState extends AggregateState {
        private long balance;

        public long getBalance() {
            return balance;
        }

        public void setBalance(long balance) {
            this.balance = balance;
        }
    }

    @Aggregate
    public static class Account {

        static final Map<String, Metadata> RECEIVED = new ConcurrentHashMap<>();

        @AggregateCommandHandler(init = true)
        AccountOpened open(OpenAccount command) {
            return new AccountOpened(command.aggregateId(), command.balance());
        }

        @AggregateCommandHandler
        TransferRequested request(RequestTransfer command) {
            return new TransferRequested(command.aggregateId(), command.transferId(), command.to(), command.amount());
        }

        @AggregateCommandHandler
        Withdrawn withdraw(Withdraw command, AccountState state, Metadata metadata) {
            RECEIVED.put("Withdraw:" + command.transferId(), metadata);
            if (state.getBalance() < command.amount()) {
                throw new IllegalStateException("insufficient funds in " + command.aggregateId());
            }
            return new Withdrawn(command.aggregateId(), command.transferId(), command.amount());
        }

        @AggregateCommandHandler
        Deposited deposit(Deposit command, Metadata metadata) {
            RECEIVED.put("Deposit:" + command.transferId(), metadata);
            return new Deposited(command.aggregateId(), command.transferId(), command.amount());
        }

        @EventSourcingHandler
        void on(AccountOpened event, AccountState state) {
            state.setBalance(event.balance());
        }

        @EventSourcingHandler
        void on(TransferRequested event, AccountState state) {
            // a request changes no balance
        }

        @EventSourcingHandler
        void on(Withdrawn event, AccountState state) {
            state.setBalance(state.getBalance() - event.amount());
        }

        @EventSourcingHandler
        void on(Deposited event, AccountState state) {
            state.setBalance(state.getBalance() + event.amount());
        }
    }

    public static class TransferState extends SagaState {
        private String to;
        private long amount;

        public String getTo() {
            return to;
        }

        public void setTo(String to) {
            this.to = to;
        }

        public long getAmount() {
            return amount;
        }

        public void setAmount(long amount) {
            this.amount = amount;
        }
    }

    /**
     * Withdraws from the source account, then deposits into the target account, then ends. It is found by the
     * transfer id first and by the target account id at the end: an association its handler adds, while it
     * removes the one of the source account it added at the start.
     */
    @Saga
    public static class TransferSaga {

        static final Map<String, CompletableFuture<?>> SENT = new ConcurrentHashMap<>();

        @SagaEventHandler(init = true, associationProperty = "transferId")
        void on(TransferRequested event, TransferState state, CommandGateway gateway) {
            state.setTo(event.to());
            state.setAmount(event.amount());
            state.setAssociation("sourceAccount", event.accountId());
            SENT.put(event.transferId(), gateway.send(new Withdraw(event.accountId(), event.transferId(),
                    event.amount())));
        }

        @SagaEventHandler(associationProperty = "transferId")
        void on(Withdrawn event, TransferState state, CommandGateway gateway) {
            state.unsetAssociation("sourceAccount");
            state.setAssociation("accountId", state.getTo());
            gateway.send(new Deposit(state.getTo(), event.transferId(), state.getAmount()));
        }

        @SagaEventHandler(associationProperty = "accountId")
        void on(Deposited event, TransferState state) {
            state.setEnded(true);
        }
    }

    /** Records when each account's opening reaches it. */
    @Projector
    public static class LatencyProjector {

        static final Map<String, Long> SEEN = new ConcurrentHashMap<>();

        @EventHandler
        void on(AccountOpened event, EventMessage<AccountOpened> message) {
            SEEN.putIfAbsent(event.accountId(), System.nanoTime());
        }
    }
}
