package io.recq.jpa.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.AggregateState;
import io.recq.api.CommandGateway;
import io.recq.api.CommandHandler;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.EventSourcingHandler;
import io.recq.api.Service;
import io.recq.api.ServiceCommand;
import io.recq.api.ServiceEvent;
import io.recq.cdi.spi.CommandOutbox;
import io.recq.cdi.spi.OutgoingCommand;

/**
 * Components that fail on purpose, for the tests of what a failure leaves behind: a tally aggregate whose
 * additions can be held back, and a service whose handlers write and then throw, fail transiently a given
 * number of times, or throw an {@link Error}.
 */
public final class Faults {

    /** Additions held until the test releases them, by tally id. */
    static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    /** How often each flaky command was tried, by marker. */
    static final Map<String, AtomicInteger> TRIES = new ConcurrentHashMap<>();
    /** The threads that ran the handlers of each tally's additions and of each flaky command, by id. */
    static final Map<String, Set<String>> THREADS = new ConcurrentHashMap<>();
    /** The commands the handlers received and the results they returned, by marker. */
    static final Map<String, Object> RECEIVED = new ConcurrentHashMap<>();
    static final Map<String, Object> RETURNED = new ConcurrentHashMap<>();
    /** Markers of {@link Fragile} commands that cannot commit until the test removes them. */
    static final Set<String> BROKEN = ConcurrentHashMap.newKeySet();

    private Faults() {
    }

    public record OpenTally(String aggregateId) implements DomainCommand {
    }

    public record Add(String aggregateId, long amount) implements DomainCommand {
    }

    /** Waits, inside its handler, until the test opens the tally's gate. */
    public record AddWhenReleased(String aggregateId, long amount) implements DomainCommand {
    }

    public record TallyOpened(String aggregateId) implements DomainEvent {
    }

    public record Added(String aggregateId, long amount, long total) implements DomainEvent {
    }

    /** Writes a row, sends a command, then throws. */
    public record WriteThenFail(String marker) implements ServiceCommand {
    }

    /** Fails with a lost database connection {@code failures} times, then succeeds. */
    public record Flaky(String marker, int failures) implements ServiceCommand {
    }

    /** Throws a {@link StackOverflowError}. */
    public record Overflow(String marker) implements ServiceCommand {
    }

    /** Handled, but its transaction cannot commit while its marker is {@link Faults#BROKEN}. */
    public record Fragile(String marker) implements ServiceCommand {
    }

    /** Leaves a connection open on the handler's thread after closing the driver's connection beneath it. */
    public record LeakDeadConnection(String marker) implements ServiceCommand {
    }

    /**
     * Sends {@code OpenTally(tally)} and then removes it from the outbox in the same transaction: the
     * transaction commits, the command is not stored, as after a commit reported committed that was not.
     */
    public record SendThenUnwrite(String tally) implements ServiceCommand {
    }

    public record AddThroughQueue(String tally, long amount) implements ServiceCommand {
    }

    public record Take(String aggregateId, long amount) implements DomainCommand {
    }

    public record AddWhenAbove(String aggregateId, long amount, long threshold) implements DomainCommand {
    }

    public record AddTwice(String aggregateId, long first, long second) implements DomainCommand {
    }

    public record Done(String marker) implements ServiceEvent {
    }

    /** A value: a record of immutable components, handed to its handler as it is. */
    public record Stamp(String marker, long at) implements ServiceCommand {
    }

    public record Stamped(String marker, long at) implements ServiceEvent {
    }

    /** Not a value (it holds a list), copied through JSON on its way to the handler, which changes it. */
    public static class Scribble implements ServiceCommand {

        private String marker;
        private List<String> lines;

        public Scribble() {
        }

        public Scribble(String marker, List<String> lines) {
            this.marker = marker;
            this.lines = lines;
        }

        public String getMarker() {
            return marker;
        }

        public void setMarker(String marker) {
            this.marker = marker;
        }

        public List<String> getLines() {
            return lines;
        }

        public void setLines(List<String> lines) {
            this.lines = lines;
        }
    }

    public record Scribbled(String marker, List<String> lines) implements ServiceEvent {
    }

    public static class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    public static class TallyState extends AggregateState {

        private long total;

        public long getTotal() {
            return total;
        }

        public void setTotal(long total) {
            this.total = total;
        }
    }

    @Aggregate
    public static class TallyAggregate {

        @AggregateCommandHandler(init = true)
        TallyOpened open(OpenTally command) {
            return new TallyOpened(command.aggregateId());
        }

        @AggregateCommandHandler
        Added add(Add command, TallyState state) {
            THREADS.computeIfAbsent(command.aggregateId(), k -> ConcurrentHashMap.newKeySet())
                    .add(Thread.currentThread().getName());
            return new Added(command.aggregateId(), command.amount(), state.getTotal() + command.amount());
        }

        @AggregateCommandHandler
        Added addWhenAbove(AddWhenAbove command, TallyState state) {
            if (state.getTotal() <= command.threshold()) {
                return null; // nothing to do
            }
            return new Added(command.aggregateId(), command.amount(), state.getTotal() + command.amount());
        }

        @AggregateCommandHandler
        List<Added> addTwice(AddTwice command, TallyState state) {
            long afterFirst = state.getTotal() + command.first();
            return List.of(new Added(command.aggregateId(), command.first(), afterFirst),
                    new Added(command.aggregateId(), command.second(), afterFirst + command.second()));
        }

        @AggregateCommandHandler
        Added take(Take command, TallyState state) {
            if (state.getTotal() < command.amount()) {
                throw new Refused("the total of " + command.aggregateId() + " is " + state.getTotal() + ", less than "
                        + command.amount());
            }
            return new Added(command.aggregateId(), -command.amount(), state.getTotal() - command.amount());
        }

                @AggregateCommandHandler
        Added addWhenReleased(AddWhenReleased command, TallyState state) throws InterruptedException {
            CountDownLatch gate = GATES.get(command.aggregateId());
            if (gate != null && !gate.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the gate of " + command.aggregateId() + " never opened");
            }
            return new Added(command.aggregateId(), command.amount(), state.getTotal() + command.amount());
        }

        @EventSourcingHandler
        TallyState on(TallyOpened event) {
            return new TallyState();
        }

        @EventSourcingHandler
        void on(Added event, TallyState state) {
            state.setTotal(event.total());
        }
    }

    @Service
    public static class FaultService {

        @Resource(lookup = "java:comp/DefaultDataSource")
        DataSource dataSource;

        @Inject
        CommandGateway commandGateway;

        @CommandHandler
        Done writeThenFail(WriteThenFail command) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO faults_marks (marker) VALUES (?)")) {
                insert.setString(1, command.marker());
                insert.executeUpdate();
            }
            commandGateway.send(new OpenTally("sent-by-" + command.marker()));
            throw new Refused("refused " + command.marker() + " after writing");
        }

        @CommandHandler
        Stamped stamp(Stamp command) {
            RECEIVED.put(command.marker(), command);
            Stamped stamped = new Stamped(command.marker(), command.at());
            RETURNED.put(command.marker(), stamped);
            return stamped;
        }

        @CommandHandler
        Scribbled scribble(Scribble command) {
            RECEIVED.put(command.getMarker(), command);
            command.getLines().add("handler");
            Scribbled scribbled = new Scribbled(command.getMarker(), command.getLines());
            RETURNED.put(command.getMarker(), scribbled);
            return scribbled;
        }

        @CommandHandler
        Done addThroughQueue(AddThroughQueue command) {
            // a handler's command travels through the outbox and the command queue, never a local lane
            commandGateway.send(new Add(command.tally(), command.amount()));
            return new Done(command.tally());
        }

                @CommandHandler
        Done flaky(Flaky command) {
            int tries = TRIES.computeIfAbsent(command.marker(), k -> new AtomicInteger()).incrementAndGet();
            if (tries > command.failures()) {
                THREADS.computeIfAbsent(command.marker(), k -> ConcurrentHashMap.newKeySet())
                        .add(Thread.currentThread().getName());
            }
            if (tries <= command.failures()) {
                throw new IllegalStateException("cannot reach the database",
                        new SQLTransientConnectionException("connection refused", "08001"));
            }
            return new Done(command.marker());
        }

        @CommandHandler
        Done fragile(Fragile command) {
            TRIES.computeIfAbsent(command.marker(), k -> new AtomicInteger()).incrementAndGet();
            if (BROKEN.contains(command.marker())) {
                // by its standard name: WildFly also offers it as a CDI bean, Payara does not
                try {
                    InitialContext.<TransactionSynchronizationRegistry>doLookup(
                            "java:comp/TransactionSynchronizationRegistry").setRollbackOnly();
                } catch (NamingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return new Done(command.marker());
        }

        @CommandHandler
        Done leakDeadConnection(LeakDeadConnection command) throws Exception {
            if (TRIES.computeIfAbsent(command.marker(), k -> new AtomicInteger()).incrementAndGet() == 1) {
                // what a persistence provider may leave behind when the database goes away mid-statement
                Connection handle = dataSource.getConnection();
                Object physical = handle.getClass().getMethod("getUnderlyingConnection").invoke(handle);
                ((Connection) physical).close();
            }
            return new Done(command.marker());
        }

        @CommandHandler
        Done sendThenUnwrite(SendThenUnwrite command) {
            commandGateway.send(new OpenTally(command.tally()));
            CommandOutbox outbox = CDI.current().select(CommandOutbox.class).get();
            List<String> written = outbox.pending(java.time.Instant.now().plusSeconds(60), 1000).stream()
                    .filter(c -> command.tally().equals(c.routingKey())).map(OutgoingCommand::messageId).toList();
            if (written.size() != 1 || outbox.remove(written) != 1) {
                throw new IllegalStateException("the command to " + command.tally() + " is not in the outbox");
            }
            return new Done(command.tally());
        }

        @CommandHandler
        Done overflow(Overflow command) {
            TRIES.computeIfAbsent(command.marker(), k -> new AtomicInteger()).incrementAndGet();
            throw new StackOverflowError("simulated overflow in " + command.marker());
        }
    }
}
