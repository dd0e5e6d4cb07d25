package io.recq.cdi.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.recq.api.Event;
import io.recq.api.EventHandler;
import io.recq.api.EventMessage;
import io.recq.api.Observer;
import io.recq.api.Projector;
import io.recq.api.ProjectorStatus;
import io.recq.cdi.event.observer.ObserverConsumer;
import io.recq.cdi.event.projector.ProjectorConsumer;
import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.serialization.PayloadCodec;
import io.recq.cdi.spi.DeadEvent;
import io.recq.cdi.spi.TransientStoreException;

/**
 * The tracker's logic over stores in memory whose transactions undo on rollback: order, batching, retries,
 * dead-lettering, transient failures, lease loss and wake-up.
 */
class EventTrackerTest {

    public record Counted(int n) implements Event {
        @Override
        public String context() {
            return "counting";
        }
    }

    public record Elsewhere(int n) implements Event {
        @Override
        public String context() {
            return "elsewhere";
        }
    }

    /** Records the sequences it handled; the record is undone when the transaction rolls back. */
    @Projector(contexts = "counting")
    public static class Recorder {
        static final List<Long> SEEN = Collections.synchronizedList(new ArrayList<>());
        static final Set<Long> FAILING = ConcurrentHashMap.newKeySet();
        static final Set<Long> OVERFLOWING = ConcurrentHashMap.newKeySet();
        static final AtomicInteger TRANSIENT_FAILURES = new AtomicInteger();
        static final AtomicInteger ATTEMPTS = new AtomicInteger();
        static final List<Boolean> HEAD_REACHED = Collections.synchronizedList(new ArrayList<>());
        /** Failures the handler throws before it succeeds, whatever the event. */
        static final AtomicInteger OUTAGE_FAILURES = new AtomicInteger();
        static volatile Supplier<RuntimeException> outage;
        /** When set, the first attempt at event 1 waits for it: a batch that runs long. */
        static volatile CountDownLatch gate;
        static final AtomicBoolean GATE_ENTERED = new AtomicBoolean();

        @EventHandler(retry = 2, retryDelay = 1)
        void on(Counted event, EventMessage<Counted> message, ProjectorStatus status) throws InterruptedException {
            ATTEMPTS.incrementAndGet();
            CountDownLatch waiting = gate;
            if (waiting != null && message.sequence() == 1 && GATE_ENTERED.compareAndSet(false, true)) {
                assertThat(waiting.await(10, TimeUnit.SECONDS)).as("the test opens the gate").isTrue();
            }
            if (OUTAGE_FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw outage.get();
            }
            if (TRANSIENT_FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new TransientStoreException("the database is away");
            }
            if (FAILING.contains(message.sequence())) {
                throw new IllegalStateException("poison " + message.sequence());
            }
            if (OVERFLOWING.contains(message.sequence())) {
                throw new StackOverflowError("handler recursed without end on event " + message.sequence());
            }
            SEEN.add(message.sequence());
            HEAD_REACHED.add(status.isHeadReached());
            InMemoryStores.Transactions.onRollback(() -> SEEN.remove(message.sequence()));
        }
    }

    /** Throws on its first attempt at each event. */
    @Observer
    public static class Notifier {
        static final List<Long> SIDE_EFFECTS = Collections.synchronizedList(new ArrayList<>());
        static final Set<Long> TRIED = ConcurrentHashMap.newKeySet();

        @EventHandler(retry = 1, retryDelay = 1)
        void on(Counted event, EventMessage<Counted> message) {
            if (TRIED.add(message.sequence())) {
                throw new IllegalStateException("first attempt");
            }
            SIDE_EFFECTS.add(message.sequence());
        }
    }

    /** Overflows its stack on the events in {@link #OVERFLOWING}; fails like an outage while asked to. */
    @Observer
    public static class Alarm {
        static final List<Long> SIDE_EFFECTS = Collections.synchronizedList(new ArrayList<>());
        static final Set<Long> OVERFLOWING = ConcurrentHashMap.newKeySet();
        static final AtomicInteger ATTEMPTS = new AtomicInteger();
        static final AtomicInteger OUTAGE_FAILURES = new AtomicInteger();
        static volatile Supplier<RuntimeException> outage;

        @EventHandler(retry = 1, retryDelay = 1)
        void on(Counted event, EventMessage<Counted> message) {
            ATTEMPTS.incrementAndGet();
            if (OVERFLOWING.contains(message.sequence())) {
                throw new StackOverflowError("handler recursed without end on event " + message.sequence());
            }
            if (OUTAGE_FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw outage.get();
            }
            SIDE_EFFECTS.add(message.sequence());
        }
    }

    private final InMemoryStores.Events events = new InMemoryStores.Events();
    private final InMemoryStores.Consumers consumers = new InMemoryStores.Consumers(events);
    private final InMemoryStores.DeadEvents dead = new InMemoryStores.DeadEvents();
    private final InMemoryStores.Transactions transactions = new InMemoryStores.Transactions();
    private final List<EventTracker> running = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private RecqModel model;
    private PayloadCodec codec;

    @BeforeEach
    void reset() {
        Recorder.SEEN.clear();
        Recorder.FAILING.clear();
        Recorder.OVERFLOWING.clear();
        Recorder.TRANSIENT_FAILURES.set(0);
        Recorder.ATTEMPTS.set(0);
        Recorder.HEAD_REACHED.clear();
        Recorder.OUTAGE_FAILURES.set(0);
        Recorder.gate = null;
        Recorder.GATE_ENTERED.set(false);
        Notifier.SIDE_EFFECTS.clear();
        Notifier.TRIED.clear();
        Alarm.SIDE_EFFECTS.clear();
        Alarm.OVERFLOWING.clear();
        Alarm.ATTEMPTS.set(0);
        Alarm.OUTAGE_FAILURES.set(0);
        ComponentIntrospector introspector = new ComponentIntrospector();
        model = RecqModel.builder().add(introspector.inspect(Recorder.class).orThrow())
                .add(introspector.inspect(Notifier.class).orThrow())
                .add(introspector.inspect(Alarm.class).orThrow()).build();
        codec = new PayloadCodec(model, 1 << 20);
    }

    @AfterEach
    void stop() {
        CountDownLatch waiting = Recorder.gate;
        if (waiting != null) {
            waiting.countDown();
        }
        running.forEach(t -> t.stopAndWait(Duration.ofSeconds(5)));
        scheduler.shutdownNow();
        codec.close();
    }

    private EventSettings settings(int batchSize, long pollMillis, long leaseMillis) {
        return settings(batchSize, batchSize, pollMillis, leaseMillis);
    }

    private EventSettings settings(int batchSize, int replayBatchSize, long pollMillis, long leaseMillis) {
        return settings("node-a", batchSize, replayBatchSize, pollMillis, leaseMillis);
    }

    private EventSettings settings(String node, int batchSize, int replayBatchSize, long pollMillis,
            long leaseMillis) {
        return new EventSettings(true, node, batchSize, replayBatchSize, Duration.ofMillis(pollMillis), Duration.ofMillis(leaseMillis),
                3, Duration.ofMillis(1), Duration.ofMillis(50), Duration.ofMillis(1), 4, 60);
    }

    private EventTracker start(EventConsumer consumer, EventSettings settings) {
        EventTracker tracker = new EventTracker(consumer, events, consumers, dead, transactions, settings, null,
                scheduler, Clock.systemUTC());
        Thread thread = new Thread(tracker, "tracker-" + consumer.id());
        thread.setDaemon(true);
        running.add(tracker);
        thread.start();
        return tracker;
    }

    private EventConsumer.Resources resources() {
        Recorder recorder = new Recorder();
        Notifier notifier = new Notifier();
        Alarm alarm = new Alarm();
        return new EventConsumer.Resources(codec,
                type -> type == Recorder.class ? recorder : type == Alarm.class ? alarm : notifier, null, null);
    }

    private ObserverConsumer alarm() {
        return new ObserverConsumer(model.component(Alarm.class).orElseThrow(), model::payloadType, resources());
    }

    private ProjectorConsumer recorder() {
        return new ProjectorConsumer(model.component(Recorder.class).orElseThrow(), "counting", model::payloadType,
                resources());
    }

    private void counted(int count) {
        for (int i = 0; i < count; i++) {
            events.add("Counted", "{\"n\":" + i + "}", "counting");
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.onSpinWait();
        }
    }

    private static List<Long> sequences(long from, long to) {
        List<Long> list = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            list.add(s);
        }
        return list;
    }

    @Test
    void handlesEveryEventOfItsContextInSequenceOrderInBatchesAndCommitsThePositionWithThem() {
        // given
        counted(3);
        events.add("Elsewhere", "{\"n\":9}", "elsewhere");
        counted(3);
        String key = recorder().id().key();

        // when
        start(recorder(), settings(3, 10_000, 30_000));

        // then
        await("position 7", () -> consumers.position(key) == 7);
        assertThat(Recorder.SEEN).containsExactly(1L, 2L, 3L, 5L, 6L, 7L);
        assertThat(transactions.commits).isEqualTo(3);
        assertThat(Recorder.HEAD_REACHED).containsExactly(false, false, false, false, false, true);
    }

    @Test
    void replaysInTheLargerReplayBatchesThenGoesOnInLiveBatches() {
        // given
        counted(7);
        String key = recorder().id().key();

        // when
        start(recorder(), settings(2, 10, 20, 30_000));
        await("position 7", () -> consumers.position(key) == 7);
        await("the replay's commit", () -> transactions.commits >= 1);
        int replayCommits = transactions.commits;
        counted(4);

        // then
        await("position 11", () -> consumers.position(key) == 11);
        assertThat(replayCommits).isEqualTo(1);
        assertThat(transactions.commits - replayCommits).isGreaterThanOrEqualTo(2);
        assertThat(Recorder.SEEN).containsExactlyElementsOf(sequences(1, 11));
    }

    @Test
    void deadLettersAnEventAfterItsRetriesAndGoesOnWithTheNext() {
        // given
        counted(5);
        Recorder.FAILING.add(3L);
        String key = recorder().id().key();

        // when
        start(recorder(), settings(10, 10_000, 30_000));

        // then
        await("position 5", () -> consumers.position(key) == 5);
        assertThat(Recorder.SEEN).containsExactly(1L, 2L, 4L, 5L);
        assertThat(dead.dead).singleElement().satisfies(d -> {
            assertThat(d.sequence()).isEqualTo(3);
            assertThat(d.consumerId()).isEqualTo(key);
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.errorClass()).isEqualTo(IllegalStateException.class.getName());
            assertThat(d.handler()).endsWith("Recorder#on(Counted, EventMessage, ProjectorStatus)");
        });
        // the batch attempt failed at event 3 (its first attempt), then events 1-2 once each and event 3 twice
        assertThat(Recorder.ATTEMPTS.get()).isEqualTo(3 + 2 + 2 + 2);
    }

    @Test
    void retriesATransientFailureBeyondTheHandlersRetriesWithoutDeadLettering() {
        // given
        counted(2);
        Recorder.TRANSIENT_FAILURES.set(6);
        String key = recorder().id().key();

        // when
        start(recorder(), settings(10, 10_000, 30_000));

        // then
        await("position 2", () -> consumers.position(key) == 2);
        assertThat(Recorder.SEEN).containsExactly(1L, 2L);
        assertThat(dead.dead).isEmpty();
    }

    @Test
    void stopsWhenAnotherNodeTakesTheLeaseOverAndNeverAppliesAnEventTwice() {
        // given
        counted(2);
        String key = recorder().id().key();
        EventTracker tracker = start(recorder(), settings(10, 20, 300));
        await("position 2", () -> consumers.position(key) == 2);

        // when: node-b takes the consumer over while node-a is idle
        synchronized (consumers) {
            consumers.owners.put(key, "node-b");
            consumers.leases.put(key, Instant.now().plusSeconds(60));
        }
        counted(2);
        tracker.signal(4);

        // then: node-a stops processing
        await("node-a gives up", () -> tracker.phase() == EventTracker.Phase.WAITING_FOR_LEASE);
        assertThat(consumers.position(key)).isEqualTo(2);
        assertThat(Recorder.SEEN).containsExactly(1L, 2L);

        // when: node-b releases the consumer
        consumers.release(key, "node-b");

        // then: node-a takes it back and handles each event once
        await("position 4", () -> consumers.position(key) == 4);
        assertThat(Recorder.SEEN).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void wakesAtOnceWhenSignalledInsteadOfWaitingForThePoll() {
        // given
        String key = recorder().id().key();
        EventTracker tracker = start(recorder(), settings(10, 60_000, 300_000));
        await("live", () -> tracker.phase() == EventTracker.Phase.LIVE);

        // when
        counted(1);
        long signalled = System.nanoTime();
        tracker.signal(1);

        // then
        await("position 1", () -> consumers.position(key) == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void readsTheStoreOncePerSignalWhenTheBatchReachesTheHead() throws Exception {
        // given: a live projector that polls only every minute
        String key = recorder().id().key();
        EventTracker tracker = start(recorder(), settings(10, 60_000, 300_000));
        await("live", () -> tracker.phase() == EventTracker.Phase.LIVE);
        // the claim makes it live before its first read, which finds nothing: count from after that read
        await("first read", () -> events.reads.get() > 0);
        int before = events.reads.get();

        // when
        counted(1);
        tracker.signal(1);
        await("position 1", () -> consumers.position(key) == 1);
        Thread.sleep(200);

        // then: the read that found the event also found the head; no second read until the next signal
        assertThat(events.reads.get() - before).isEqualTo(1);
    }

    @Test
    void readsAgainAtOnceWhenEventsWereAnnouncedWhileItsBatchRan() {
        // given: a live projector that polls only every minute, whose handler holds the first event
        String key = recorder().id().key();
        EventTracker tracker = start(recorder(), settings(10, 60_000, 300_000));
        await("live", () -> tracker.phase() == EventTracker.Phase.LIVE);
        Recorder.gate = new CountDownLatch(1);
        counted(1);
        tracker.signal(1);
        await("the handler runs", Recorder.GATE_ENTERED::get);

        // when: another event is stored and announced while the batch of the first one runs
        counted(1);
        long signalled = System.nanoTime();
        tracker.signal(2);
        Recorder.gate.countDown();

        // then: it is handled without waiting for the poll
        await("position 2", () -> consumers.position(key) == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void newProjectorStartsAtTheFirstEventAndANewObserverAtTheHead() {
        // given
        counted(4);
        ObserverConsumer observer = new ObserverConsumer(model.component(Notifier.class).orElseThrow(),
                model::payloadType, resources());

        // then
        assertThat(recorder().initialPosition(4)).isZero();
        assertThat(observer.initialPosition(4)).isEqualTo(4);
        assertThat(observer.transactional()).isFalse();
    }

    @Test
    void observerThatThrowsOnceRunsItsSideEffectOnceAndRecordsTheEventsAsHandled() {
        // given
        ObserverConsumer observer = new ObserverConsumer(model.component(Notifier.class).orElseThrow(),
                model::payloadType, resources());
        String key = observer.id().key();
        start(observer, settings(10, 20, 30_000));
        await("observer claimed", () -> consumers.position(key) == 0);

        // when
        counted(3);

        // then
        await("position 3", () -> consumers.position(key) == 3);
        assertThat(Notifier.SIDE_EFFECTS).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(dead.dead).isEmpty();
        assertThat(consumers.isHandled(key, 3)).isTrue();
    }

    @Test
    void observerHandlesTheEventsOfABatchInParallelEachOnce() throws Exception {
        // given
        ObserverConsumer observer = new ObserverConsumer(model.component(Notifier.class).orElseThrow(),
                model::payloadType, resources());
        String key = observer.id().key();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            EventTracker tracker = new EventTracker(observer, events, consumers, dead, transactions,
                    settings(50, 20, 30_000), pool, scheduler, Clock.systemUTC());
            Thread thread = new Thread(tracker, "observer");
            thread.setDaemon(true);
            running.add(tracker);
            thread.start();
            await("observer claimed", () -> consumers.position(key) == 0);

            // when
            counted(40);

            // then
            await("position 40", () -> consumers.position(key) == 40);
            assertThat(Notifier.SIDE_EFFECTS).hasSize(40).doesNotHaveDuplicates();
            assertThat(dead.dead).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deadEventRecordsTheLastFailure() {
        // given
        counted(1);
        Recorder.FAILING.add(1L);
        String key = recorder().id().key();

        // when
        start(recorder(), settings(10, 10_000, 30_000));

        // then
        await("position 1", () -> consumers.position(key) == 1);
        DeadEvent entry = dead.dead.get(0);
        assertThat(entry.errorMessage()).isEqualTo("poison 1");
        assertThat(entry.payloadName()).isEqualTo("Counted");
    }

    @Test
    void renewsTheLeaseWhileABatchRunsLongerThanTheLeaseSoThatNoOtherNodeTakesOver() {
        // given: node-a's batch waits in the handler of event 1, far longer than the lease of 300 ms
        counted(3);
        String key = recorder().id().key();
        Recorder.gate = new CountDownLatch(1);
        start(recorder(), settings("node-a", 10, 10, 20, 300));
        await("node-a's handler runs", Recorder.GATE_ENTERED::get);
        Instant batchStarted = Instant.now();

        // when: node-b tries to claim the consumer for more than two leases
        start(recorder(), settings("node-b", 10, 10, 20, 300));
        await("node-b tried to claim after two leases, or got the lease", () -> consumers.claimsBy("node-b").stream()
                .anyMatch(c -> c.granted() || c.at().isAfter(batchStarted.plusMillis(600))));
        Recorder.gate.countDown();

        // then: node-b never got the lease, and node-a committed its batch, each event once
        await("position 3", () -> consumers.position(key) == 3);
        assertThat(consumers.claimsBy("node-b")).isNotEmpty().noneMatch(InMemoryStores.Consumers.Claim::granted);
        assertThat(Recorder.SEEN).containsExactly(1L, 2L, 3L);
    }

    @Test
    void survivesAStoreOutageLongerThanTheLeaseRenewalAndGoesOnWhenTheStoreIsBack() {
        // given
        counted(1);
        String key = recorder().id().key();
        EventTracker tracker = start(recorder(), settings(10, 20, 300));
        await("position 1", () -> consumers.position(key) == 1);

        // when: the database is away for several lease renewals
        events.down = true;
        await("renewals fail", () -> consumers.renewalsWhileDown.get() >= 3);
        events.down = false;
        counted(2);
        tracker.signal(3);

        // then
        await("position 3", () -> consumers.position(key) == 3);
        assertThat(tracker.alive()).isTrue();
        assertThat(Recorder.SEEN).containsExactly(1L, 2L, 3L);
    }

    @Test
    void observerWhoseHandlerOverflowsItsStackDeadLettersTheEventAfterItsRetriesAndGoesOn() {
        // given
        ObserverConsumer observer = alarm();
        String key = observer.id().key();
        EventTracker tracker = start(observer, settings(10, 20, 30_000));
        await("observer claimed", () -> consumers.position(key) == 0);
        Alarm.OVERFLOWING.add(2L);

        // when
        counted(3);

        // then
        await("position 3", () -> consumers.position(key) == 3);
        assertThat(Alarm.SIDE_EFFECTS).containsExactlyInAnyOrder(1L, 3L);
        assertThat(dead.dead).singleElement().satisfies(d -> {
            assertThat(d.sequence()).isEqualTo(2);
            assertThat(d.errorClass()).isEqualTo(StackOverflowError.class.getName());
            assertThat(d.attempts()).isEqualTo(2);
        });
        assertThat(tracker.alive()).isTrue();
        assertThat(tracker.phase()).isEqualTo(EventTracker.Phase.LIVE);
    }

    @Test
    void projectorWhoseHandlerOverflowsItsStackDeadLettersTheEventAndGoesOn() {
        // given
        counted(3);
        String key = recorder().id().key();
        Recorder.OVERFLOWING.add(1L);

        // when
        EventTracker tracker = start(recorder(), settings(10, 10_000, 30_000));

        // then
        await("position 3", () -> consumers.position(key) == 3);
        assertThat(dead.dead).singleElement().satisfies(d -> {
            assertThat(d.sequence()).isEqualTo(1);
            assertThat(d.errorClass()).isEqualTo(StackOverflowError.class.getName());
        });
        assertThat(Recorder.SEEN).containsExactly(2L, 3L);
        assertThat(tracker.alive()).isTrue();
    }

    @Test
    void observerRetriesBrokerAndDatabaseOutagesBeyondItsRetriesWithoutDeadLetteringAndHandlesTheEventOnce() {
        for (Supplier<RuntimeException> outage : outages()) {
            // given
            ObserverConsumer observer = alarm();
            String key = observer.id().key();
            Alarm.SIDE_EFFECTS.clear();
            Alarm.ATTEMPTS.set(0);
            Alarm.outage = outage;
            Alarm.OUTAGE_FAILURES.set(5);
            EventTracker tracker = start(observer, settings(10, 20, 30_000));
            await("observer claimed", () -> consumers.position(key) >= 0);
            long before = consumers.position(key);

            // when
            counted(1);
            tracker.signal(before + 1);

            // then
            await("position " + (before + 1) + " after " + outage.get(), () -> consumers.position(key) == before + 1);
            assertThat(dead.dead).as("dead events after %s", outage.get()).isEmpty();
            assertThat(Alarm.SIDE_EFFECTS).containsExactly(before + 1);
            assertThat(Alarm.ATTEMPTS.get()).isEqualTo(6);
            tracker.stopAndWait(Duration.ofSeconds(5));
        }
    }

    @Test
    void projectorRetriesBrokerAndDatabaseOutagesBeyondItsRetriesWithoutDeadLetteringAndHandlesTheEventOnce() {
        long position = 0;
        for (Supplier<RuntimeException> outage : outages()) {
            // given
            String key = recorder().id().key();
            Recorder.outage = outage;
            Recorder.OUTAGE_FAILURES.set(5);
            counted(1);
            position++;
            long expected = position;

            // when
            EventTracker tracker = start(recorder(), settings(10, 10_000, 30_000));

            // then
            await("position " + expected + " after " + outage.get(), () -> consumers.position(key) == expected);
            assertThat(dead.dead).as("dead events after %s", outage.get()).isEmpty();
            assertThat(Recorder.SEEN).containsExactlyElementsOf(sequences(1, expected));
            tracker.stopAndWait(Duration.ofSeconds(5));
        }
    }

    /** Failures of a broker or a database that is away, as a handler sees them. */
    private static List<Supplier<RuntimeException>> outages() {
        return List.of(
                () -> new IllegalStateException(new java.net.SocketException("Connection reset")),
                () -> new RuntimeException(new jakarta.jms.JMSException("down")),
                () -> new RuntimeException(new java.sql.SQLException("connection lost", "08006")));
    }
}
