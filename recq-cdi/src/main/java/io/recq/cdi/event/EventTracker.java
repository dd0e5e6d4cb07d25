package io.recq.cdi.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;


import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.spi.ConsumerStore;
import io.recq.cdi.spi.DeadEvent;
import io.recq.cdi.spi.DeadEventStore;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.LeaseLostException;
import io.recq.cdi.spi.StoredEvent;

/**
 * Runs one {@link EventConsumer} on one thread: claims the consumer's lease, reads the global sequence from
 * its position in batches, and commits each batch's effects together with the new position.
 *
 * <ul>
 * <li><b>Order and exactly once.</b> Events are read by sequence from the store, which assigns sequences in
 * commit order; the position moves in the transaction of the handlers' effects, fenced by the lease and the
 * previous position ({@link ConsumerStore#advance}). An event is never skipped and, for a transactional
 * consumer, takes effect once.</li>
 * <li><b>Push, then poll.</b> Idle, the tracker waits for {@link #signal(long)} (the transport's event feed)
 * and reads the store at least every poll interval, so a lost notification never loses an event. A batch
 * that reached the head ends in that wait too, unless a signal announced more while it ran.</li>
 * <li><b>Failures.</b> A failing batch is rolled back and its events are handled one per transaction. A
 * transient failure (store or broker unavailable) is retried with growing delays and never dead-letters. Any
 * other failure of an event is retried {@code retry} times with a doubling delay; then the event goes to the
 * dead event queue in the transaction that moves the position past it, and the tracker goes on.</li>
 * <li><b>One node.</b> Without the lease the tracker only tries to claim it, every third of the lease; it
 * renews the lease every third of it, also while a batch runs (a renewal in its own transaction on the
 * scheduled executor, however long the handlers take), and releases it when stopped. A renewal that finds
 * the lease taken makes the batch stop at its next event; its position cannot commit anyway
 * ({@link ConsumerStore#advance} is fenced).</li>
 * <li><b>Survives anything.</b> Whatever is thrown on the tracker's thread, an {@link Error} included, is
 * logged, and the tracker backs off and starts again from its committed position. {@link #alive()} says
 * whether its thread still runs (the liveness check {@code recq-event-consumers-live}).</li>
 * </ul>
 */
public final class EventTracker implements Runnable {

    private static final Logger LOG = Logger.getLogger(EventTracker.class.getName());

    /** What the tracker is doing, for health and logs. */
    public enum Phase {
        /** Not started yet, or waiting for the lease another node holds. */
        WAITING_FOR_LEASE,
        /** Holding the lease and reading events that were stored before it reached the head. */
        REPLAYING,
        /** Holding the lease at the head of the stream. */
        LIVE,
        /** Stopped. */
        STOPPED
    }

    private final EventConsumer consumer;
    private final EventStore events;
    private final ConsumerStore consumers;
    private final DeadEventStore deadEvents;
    private final TrackerTransactions transactions;
    private final EventSettings settings;
    private final RetryPolicy policy;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    private final Semaphore wakeups = new Semaphore(0);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong handled = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean owner;
    private volatile boolean caughtUp;
    private volatile long position = -1;
    private volatile Phase phase = Phase.WAITING_FOR_LEASE;
    private volatile String lastFailure;
    private volatile Instant leaseRenewedAt = Instant.EPOCH;
    private volatile boolean leaseLost;
    private final ReentrantLock renewing = new ReentrantLock();
    private volatile Thread thread;
    private volatile Throwable fatal;
    private ReplayStatistics replay = new ReplayStatistics();
    private volatile long replayFrom;
    private volatile long replayTo;

    /**
     * @param consumer what to do with events
     * @param events the event store
     * @param consumers positions and leases
     * @param deadEvents the dead event queue
     * @param transactions runs each unit of work in a transaction of its own
     * @param settings the tunables
     * @param executor runs an observer's events in parallel; {@code null} to handle them one after the other
     * @param scheduler renews the lease while a batch runs; {@code null} to renew only between batches
     * @param clock the clock of leases
     */
    public EventTracker(EventConsumer consumer, EventStore events, ConsumerStore consumers, DeadEventStore deadEvents,
            TrackerTransactions transactions, EventSettings settings, ExecutorService executor,
            ScheduledExecutorService scheduler, Clock clock) {
        this.consumer = consumer;
        this.events = events;
        this.consumers = consumers;
        this.deadEvents = deadEvents;
        this.transactions = transactions;
        this.settings = settings;
        this.policy = new RetryPolicy(settings);
        this.executor = executor;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * @return the consumer this tracker runs
     */
    public EventConsumer consumer() {
        return consumer;
    }

    /**
     * @return what the tracker is doing
     */
    public Phase phase() {
        return phase;
    }

    /**
     * @return whether the tracker has read up to the head of the stream at least once
     */
    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * @return the position this node last committed or read, or -1 when it has not held the lease
     */
    public long position() {
        return position;
    }

    /**
     * @return how many events this node's handlers have run successfully for the consumer
     */
    public long handledCount() {
        return handled.get();
    }

    /**
     * @return the last failure, or {@code null}
     */
    public String lastFailure() {
        return lastFailure;
    }

    /**
     * @return how much of the replay that began when this node claimed the consumer is done, from 0 to 1: 1 when
     *         live, 0 while waiting for the lease
     */
    public double replayProgress() {
        Phase current = phase;
        if (current == Phase.LIVE) {
            return 1.0;
        }
        if (current != Phase.REPLAYING) {
            return 0.0;
        }
        long from = replayFrom;
        long to = replayTo;
        if (to <= from) {
            return 1.0;
        }
        return Math.max(0.0, Math.min(1.0, (double) (position - from) / (to - from)));
    }

    /**
     * @return whether the tracker can work: its thread runs, or it was stopped; {@code false} when its thread
     *         has ended or never ran
     */
    public boolean alive() {
        if (!running) {
            return true;
        }
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /**
     * @return why the tracker's thread is not running, when {@link #alive()} is false; {@code null} otherwise
     */
    public String deathCause() {
        if (alive()) {
            return null;
        }
        Throwable cause = fatal;
        if (cause != null) {
            return "its thread ended with " + cause;
        }
        return thread == null ? "it has no thread" : "its thread " + thread.getName() + " ended";
    }

    /**
     * Runs the tracker on a new thread of {@code threads}.
     *
     * @param threads the server's managed thread factory
     */
    public void start(ThreadFactory threads) {
        Thread t = threads.newThread(this);
        if (t == null) {
            throw new IllegalStateException("the thread factory gave no thread for " + consumer);
        }
        t.setName("recq-" + consumer.id().key());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * Wakes the tracker: events up to {@code head} were committed.
     *
     * @param head the announced head of the stream
     */
    public void signal(long head) {
        if (head > position && wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /**
     * Stops the tracker: the current transaction is rolled back or completed, the lease released.
     */
    public void stop() {
        running = false;
        stopped.countDown();
        wakeups.release();
    }

    /**
     * Stops the tracker and waits for its thread to end.
     *
     * @param timeout how long to wait
     * @return whether the thread ended in time
     */
    public boolean stopAndWait(Duration timeout) {
        stop();
        Thread t = thread;
        if (t == null) {
            return true;
        }
        try {
            t.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        Renewal renewal = renewInBackground();
        try {
            work();
        } catch (Throwable e) {
            // only what the failure handling itself threw gets here
            fatal = e;
            LOG.log(Level.SEVERE, e, () -> "RECQ " + consumer + " stopped working: " + e);
        } finally {
            renewal.close();
            if (owner) {
                try {
                    consumers.release(consumer.id().key(), settings.nodeId());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, e, () -> "RECQ could not release the lease of " + consumer
                            + "; another node takes it over once it expires");
                }
                owner = false;
            }
            phase = Phase.STOPPED;
        }
    }

    /**
     * Reads and handles until stopped; any failure, an {@link Error} included, is logged, and the work starts
     * again from the committed position after a growing delay.
     */
    private void work() {
        int failures = 0;
        while (running) {
            try {
                step();
                failures = 0;
            } catch (Stopping e) {
                return;
            } catch (LeaseLostException e) {
                lost(e);
            } catch (Throwable e) {
                failures++;
                try {
                    backOff(e, failures);
                } catch (Stopping s) {
                    return;
                } catch (LeaseLostException l) {
                    lost(l);
                } catch (Throwable t) {
                    lastFailure = t.toString();
                }
            }
        }
    }

    private void step() {
        if (!owner && !claim()) {
            sleep(settings.leaseRenewal());
            return;
        }
        // a replay takes larger batches: fewer transactions, and a read model's rows loaded once
        // serve more of its events
        int size = phase == Phase.REPLAYING ? settings.replayBatchSize() : settings.batchSize();
        Batch batch = consumer.transactional() ? readAndProcess(size) : readThenObserve(size);
        if (batch.events.isEmpty()) {
            live();
            idle();
            return;
        }
        if (phase == Phase.REPLAYING) {
            replay.add(batch.events.size(), batch.readNanos, batch.processNanos);
        }
        if (batch.headReached) {
            live();
            if (position >= batch.events.get(batch.events.size() - 1).sequence()) {
                // the read found the head and the batch is done: what was stored since is announced by the
                // feed, which has released a wake-up if it announced anything beyond the position read; reading
                // again at once would find nothing most of the time, at the cost of a store read per batch
                idle();
            }
        }
    }

    /**
     * A transactional consumer reads its batch in the transaction that handles it and moves its position: one
     * transaction, one persistence context and one connection per batch.
     */
    private Batch readAndProcess(int size) {
        Batch batch = new Batch();
        long from = position;
        int[] current = {-1};
        List<Item> items = new ArrayList<>();
        try {
            inTransaction(() -> {
                long readStart = System.nanoTime();
                batch.read(events.read(from + 1, size), size);
                long readEnd = System.nanoTime();
                batch.readNanos = readEnd - readStart;
                checkRunning();
                if (batch.events.isEmpty()) {
                    return null;
                }
                batch.events.forEach(event -> items.add(new Item(event, consumer.handlerFor(event).orElse(null))));
                for (int i = 0; i < items.size(); i++) {
                    checkRunning();
                    Item item = items.get(i);
                    if (item.handler != null) {
                        current[0] = i;
                        consumer.handle(item.event, item.handler, batch.headReached);
                    }
                }
                current[0] = -1;
                advance(from, batch.last());
                batch.processNanos = System.nanoTime() - readEnd;
                return null;
            });
        } catch (Stopping | LeaseLostException e) {
            throw e;
        } catch (RuntimeException e) {
            if (batch.events == null) {
                // the read failed: the step starts again from the position
                throw HandlerFailure.unwrap(e) instanceof RuntimeException cause ? cause : e;
            }
            if (RetryPolicy.isTransient(e)) {
                throw e; // the store or the broker is away: the step starts again from the position
            }
            long start = System.nanoTime();
            recover(items, from, batch.last(), current[0], batch.headReached, e);
            batch.processNanos = System.nanoTime() - start;
            return batch;
        }
        if (!batch.events.isEmpty()) {
            position = batch.last();
            handled.addAndGet(items.stream().filter(i -> i.handler != null).count());
        }
        return batch;
    }

    /** An observer's events run outside a transaction: the batch is read first, on its own. */
    private Batch readThenObserve(int size) {
        Batch batch = new Batch();
        long readStart = System.nanoTime();
        batch.read(events.read(position + 1, size), size);
        long readEnd = System.nanoTime();
        batch.readNanos = readEnd - readStart;
        checkRunning();
        if (!batch.events.isEmpty()) {
            List<Item> items = new ArrayList<>(batch.events.size());
            for (StoredEvent event : batch.events) {
                items.add(new Item(event, consumer.handlerFor(event).orElse(null)));
            }
            processObserved(items, batch.headReached);
            batch.processNanos = System.nanoTime() - readEnd;
        }
        return batch;
    }

    private void lost(LeaseLostException e) {
        owner = false;
        leaseLost = false;
        phase = Phase.WAITING_FOR_LEASE;
        LOG.info(() -> "RECQ " + consumer + " lost its lease to another node: " + e.getMessage());
    }

    private void backOff(Throwable failure, int failures) {
        Throwable e = HandlerFailure.unwrap(failure);
        lastFailure = e.toString();
        Duration delay = policy.transientDelay(failures);
        if (RetryPolicy.isTransient(e)) {
            LOG.warning(() -> "RECQ " + consumer + " cannot reach the store or the broker (" + e
                    + "); trying again in " + delay.toMillis() + " ms");
        } else {
            LOG.log(Level.SEVERE, e, () -> "RECQ " + consumer + " failed outside a handler; trying again in "
                    + delay.toMillis() + " ms");
        }
        sleep(delay);
    }

    /**
     * Renews the lease every third of it on the scheduled executor until closed, so that handlers that take
     * longer than the lease keep it: one task for the tracker's life, which renews only when the tracker's
     * own thread, busy with a batch, has not.
     */
    private Renewal renewInBackground() {
        if (scheduler == null) {
            return () -> {
            };
        }
        long period = Math.max(1, settings.leaseRenewal().toMillis());
        ScheduledFuture<?> renewal;
        try {
            renewal = scheduler.scheduleWithFixedDelay(this::renewWhileBusy, period, period,
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "RECQ " + consumer + " cannot renew its lease while a batch runs; it "
                    + "renews it between batches only");
            return () -> {
            };
        }
        return () -> renewal.cancel(false);
    }

    private void renewWhileBusy() {
        try {
            renewIfDue();
        } catch (LeaseLostException e) {
            LOG.info(() -> "RECQ " + consumer + " lost its lease while handling a batch; the batch stops and its "
                    + "position does not commit: " + e.getMessage());
        } catch (Throwable e) {
            LOG.log(Level.WARNING, e, () -> "RECQ " + consumer + " could not renew its lease: " + e);
        }
    }

    private void live() {
        caughtUp = true;
        if (phase == Phase.REPLAYING && replay.events > 0) {
            ReplayStatistics done = replay;
            LOG.info(() -> "RECQ " + consumer + " replayed " + done.events + " events in " + done.millis()
                    + " ms (" + done.rate() + " events/s; reading " + done.readShare() + "% of the time) and is "
                    + "live at position " + position);
        }
        replay = new ReplayStatistics();
        phase = Phase.LIVE;
    }

    private boolean claim() {
        long head = consumers.head();
        Optional<Long> claimed = consumers.claim(consumer.id().key(), settings.nodeId(), leaseUntil(),
                consumer.initialPosition(head));
        if (claimed.isEmpty()) {
            phase = Phase.WAITING_FOR_LEASE;
            return false;
        }
        owner = true;
        leaseLost = false;
        leaseRenewedAt = clock.instant();
        position = claimed.get();
        caughtUp = position >= head;
        replayFrom = position;
        replayTo = head;
        phase = caughtUp ? Phase.LIVE : Phase.REPLAYING;
        LOG.fine(() -> "RECQ " + consumer + " holds its lease on node " + settings.nodeId() + " at position "
                + position + " (head " + head + ")");
        return true;
    }

    private Instant leaseUntil() {
        return clock.instant().plus(settings.lease());
    }

    /**
     * The batch's transaction failed for a reason that is not transient: a handler threw (at {@code failedAt}),
     * or the commit failed.
     */
    private void recover(List<Item> items, long from, long to, int failedAt, boolean headReached,
            RuntimeException e) {
        LOG.fine(() -> "RECQ " + consumer + " handles events " + (from + 1) + ".." + to
                + " one per transaction after a failure: " + e);
        if (failedAt >= 0) {
            // the handler of item failedAt threw: its first attempt is spent; the events before it are
            // handled again one per transaction, the events after it in the next batch
            for (int i = 0; i < failedAt; i++) {
                if (items.get(i).handler != null) {
                    processOne(items.get(i), headReached, 0, null);
                }
            }
            processOne(items.get(failedAt), headReached, 1, HandlerFailure.unwrap(e));
            return;
        }
        // the commit failed: any event of the batch may be the cause
        for (Item item : items) {
            if (item.handler != null) {
                processOne(item, headReached, 0, null);
            }
        }
        if (position < to) {
            long last = position;
            inTransaction(() -> {
                advance(last, to);
                return null;
            });
            position = to;
        }
    }

    private void processOne(Item item, boolean headReached, int failedBefore, Throwable firstFailure) {
        long from = position;
        long sequence = item.event.sequence();
        int failed = failedBefore;
        int transientFailures = 0;
        if (failed > 0) {
            if (failed > policy.retries(item.handler)) {
                deadLetter(item, firstFailure, failed, from);
                return;
            }
            lastFailure = describe(item, firstFailure);
            sleep(policy.delayAfter(item.handler, failed));
        }
        while (true) {
            checkRunning();
            try {
                inTransaction(() -> {
                    consumer.handle(item.event, item.handler, headReached);
                    advance(from, sequence);
                    return null;
                });
                position = sequence;
                handled.incrementAndGet();
                return;
            } catch (Stopping | LeaseLostException e) {
                throw e;
            } catch (RuntimeException e) {
                Throwable cause = HandlerFailure.unwrap(e);
                lastFailure = describe(item, cause);
                if (RetryPolicy.isTransient(cause)) {
                    transientFailures++;
                    Duration delay = policy.transientDelay(transientFailures);
                    LOG.warning(() -> "RECQ " + lastFailure + " (transient); trying again in " + delay.toMillis()
                            + " ms");
                    sleep(delay);
                    continue;
                }
                failed++;
                int retries = policy.retries(item.handler);
                if (failed > retries) {
                    int attempts = failed;
                    deadLetter(item, cause, attempts, from);
                    return;
                }
                Duration delay = policy.delayAfter(item.handler, failed);
                int attempt = failed;
                LOG.info(() -> "RECQ " + lastFailure + "; retry " + attempt + " of " + retries + " in "
                        + delay.toMillis() + " ms");
                sleep(delay);
            }
        }
    }

    private void deadLetter(Item item, Throwable cause, int attempts, long from) {
        long sequence = item.event.sequence();
        Instant now = clock.instant();
        DeadEvent dead = new DeadEvent(0, consumer.id().key(), sequence, item.event.payloadName(),
                item.handler.describe(), cause.getClass().getName(), String.valueOf(cause.getMessage()), attempts, now,
                now, DeadEvent.trace(cause));
        inTransaction(() -> {
            deadEvents.add(dead);
            if (from >= 0) {
                if (consumer.transactional()) {
                    advance(from, sequence);
                } else {
                    consumers.markHandled(consumer.id().key(), sequence);
                }
            }
            return null;
        });
        if (consumer.transactional()) {
            position = sequence;
        }
        LOG.warning(() -> "RECQ " + consumer + " moved event " + sequence + " (" + item.event.payloadName()
                + ") to the dead event queue after " + attempts + " attempt(s): " + cause
                + ". It can be listed, retried and deleted through io.recq.api.DeadEventQueue");
    }

    private void processObserved(List<Item> items, boolean headReached) {
        long from = position;
        long to = items.get(items.size() - 1).event.sequence();
        List<Item> todo = new ArrayList<>();
        for (Item item : items) {
            if (item.handler != null && !consumers.isHandled(consumer.id().key(), item.event.sequence())) {
                todo.add(item);
            }
        }
        int lanes = Math.min(settings.observerConcurrency(), todo.size());
        if (lanes <= 1 || executor == null) {
            todo.forEach(item -> observe(item, headReached));
        } else {
            List<List<Item>> partitions = new ArrayList<>();
            for (int i = 0; i < lanes; i++) {
                partitions.add(new ArrayList<>());
            }
            for (int i = 0; i < todo.size(); i++) {
                partitions.get(i % lanes).add(todo.get(i));
            }
            List<Future<?>> running = new ArrayList<>();
            for (List<Item> partition : partitions) {
                running.add(executor.submit(() -> partition.forEach(item -> observe(item, headReached))));
            }
            RuntimeException failure = null;
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stopping();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        inTransaction(() -> {
            advance(from, to);
            return null;
        });
        position = to;
    }

    private void observe(Item item, boolean headReached) {
        int failed = 0;
        int transientFailures = 0;
        long sequence = item.event.sequence();
        while (true) {
            checkRunning();
            try {
                consumer.handle(item.event, item.handler, headReached);
            } catch (Throwable e) {
                // an Error (a StackOverflowError, say) of the handler is its failure like any other
                lastFailure = describe(item, e);
                if (RetryPolicy.isTransient(e)) {
                    transientFailures++;
                    Duration delay = policy.transientDelay(transientFailures);
                    LOG.warning(() -> "RECQ " + lastFailure + " (transient); trying again in " + delay.toMillis()
                            + " ms");
                    sleep(delay);
                    continue;
                }
                failed++;
                int retries = policy.retries(item.handler);
                if (failed > retries) {
                    deadLetter(item, e, failed, 0);
                    return;
                }
                Duration delay = policy.delayAfter(item.handler, failed);
                int attempt = failed;
                LOG.info(() -> "RECQ " + lastFailure + "; retry " + attempt + " of " + retries + " in "
                        + delay.toMillis() + " ms");
                sleep(delay);
                continue;
            }
            handled.incrementAndGet();
            inTransaction(() -> {
                consumers.markHandled(consumer.id().key(), sequence);
                return null;
            });
            return;
        }
    }

    private void advance(long from, long to) {
        consumers.advance(consumer.id().key(), settings.nodeId(), from, to, leaseUntil(), !consumer.transactional());
        leaseRenewedAt = clock.instant();
    }

    private void idle() {
        long wait = Math.min(settings.pollInterval().toMillis(), settings.leaseRenewal().toMillis());
        try {
            wakeups.tryAcquire(Math.max(1, wait), TimeUnit.MILLISECONDS);
            wakeups.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopping();
        }
        checkRunning();
        renewIfDue();
    }

    /**
     * Waits, renewing the lease when due.
     *
     * @param delay how long
     */
    private void sleep(Duration delay) {
        long end = System.nanoTime() + delay.toNanos();
        while (true) {
            checkRunning();
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) {
                return;
            }
            long slice = Math.min(left, Math.max(1, settings.leaseRenewal().toMillis()));
            try {
                if (stopped.await(slice, TimeUnit.MILLISECONDS)) {
                    throw new Stopping();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopping();
            }
            renewIfDue();
        }
    }

    /**
     * Renews the lease when a third of it has passed since the last renewal; on the tracker's thread between
     * batches, on the scheduled executor during one. A renewal that fails (the database is away) is tried
     * again at the next call: the lease may expire meanwhile, which the fenced position makes harmless.
     *
     * @throws LeaseLostException when another node holds the lease
     */
    private void renewIfDue() {
        if (!owner || leaseLost || !renewing.tryLock()) {
            return;
        }
        try {
            Instant now = clock.instant();
            if (Duration.between(leaseRenewedAt, now).compareTo(settings.leaseRenewal()) < 0) {
                return;
            }
            boolean held;
            try {
                held = consumers.renew(consumer.id().key(), settings.nodeId(), leaseUntil());
            } catch (RuntimeException e) {
                lastFailure = e.toString();
                LOG.warning(() -> "RECQ " + consumer + " could not renew its lease (" + e + "); trying again");
                return;
            }
            if (!held) {
                leaseLost = true;
                throw new LeaseLostException(consumer.id().key() + ": the lease of node " + settings.nodeId()
                        + " expired and another node took the consumer over");
            }
            leaseRenewedAt = now;
        } finally {
            renewing.unlock();
        }
    }

    private void checkRunning() {
        if (!running) {
            throw new Stopping();
        }
        if (leaseLost && owner) {
            throw new LeaseLostException(consumer.id().key() + ": node " + settings.nodeId() + " lost the lease "
                    + "while handling a batch");
        }
    }

    private String describe(Item item, Throwable failure) {
        return consumer + " failed on event " + item.event.sequence() + " (" + item.event.payloadName() + ") in "
                + item.handler.describe() + ": " + failure;
    }

    private <T> T inTransaction(Work<T> work) {
        try {
            return transactions.inNewTransaction(settings.transactionTimeoutSeconds(), work::run);
        } catch (Stopping | LeaseLostException | HandlerFailure e) {
            throw e;
        } catch (ConsumerTransactions.ErrorInTransaction e) {
            throw new HandlerFailure(e.getCause());
        } catch (Exception | Error e) {
            throw new HandlerFailure(e);
        }
    }

    /** The lease renewal while a batch runs; closing it stops the renewal. */
    @FunctionalInterface
    private interface Renewal extends AutoCloseable {
        @Override
        void close();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    private record Item(StoredEvent event, HandlerMethod handler) {
    }

    /** What one step read, and how long reading and handling took. */
    private static final class Batch {
        List<StoredEvent> events;
        boolean headReached;
        long readNanos;
        long processNanos;

        void read(List<StoredEvent> read, int size) {
            events = read;
            headReached = read.size() < size;
        }

        long last() {
            return events.get(events.size() - 1).sequence();
        }
    }

    /** How a replay went, for the log line when it ends. */
    private static final class ReplayStatistics {
        long events;
        long readNanos;
        long processNanos;

        void add(int count, long read, long process) {
            events += count;
            readNanos += read;
            processNanos += process;
        }

        long millis() {
            return (readNanos + processNanos) / 1_000_000;
        }

        long rate() {
            long nanos = readNanos + processNanos;
            return nanos == 0 ? 0 : events * 1_000_000_000L / nanos;
        }

        long readShare() {
            long nanos = readNanos + processNanos;
            return nanos == 0 ? 0 : readNanos * 100 / nanos;
        }
    }

    /** Unwinds the tracker's thread when it is stopped. */
    private static final class Stopping extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopping() {
            super("stopping", null, false, false);
        }
    }

    /** A failure inside a consumer's transaction, wrapping what was thrown. */
    static final class HandlerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerFailure(Throwable cause) {
            super(cause.toString(), cause);
        }

        HandlerFailure(String message, Throwable cause) {
            super(message, cause);
        }

        static Throwable unwrap(Throwable t) {
            Throwable current = t;
            while (current instanceof HandlerFailure && current.getCause() != null) {
                current = current.getCause();
            }
            return current;
        }
    }
}
