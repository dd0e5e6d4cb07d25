package io.recq.bench.driver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;

import io.recq.bench.probe.JvmMeter;

/**
 * Runs load against a {@link Side} on threads of the server's managed thread factory, so that callers carry
 * the application's context as a request thread would.
 */
@ApplicationScoped
public class LoadDriver {

    /** The accounts commands and queries pick from. */
    public static final int ACCOUNTS = 1_000;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private final AtomicLong tickets = new AtomicLong();

    /**
     * @param index 0 to {@link #ACCOUNTS} - 1
     * @return the id of that account
     */
    public static String account(int index) {
        return "a-" + index;
    }

    /**
     * @return the next ticket for a followed command
     */
    public long nextTicket() {
        return tickets.incrementAndGet();
    }

    /**
     * @return the thread factory of the callers
     */
    public ManagedThreadFactory threads() {
        return threads;
    }

    /**
     * Closed loop: {@code callers} threads each send a request and wait for its answer, again and again.
     * Answers that complete within the measured window count; the window starts after the warm-up.
     *
     * @param callers concurrent callers
     * @param warmup not measured
     * @param measure measured
     * @param request sends one request (given a random account index)
     * @return what was measured
     * @throws InterruptedException when interrupted
     */
    public Measurement closedLoop(int callers, Duration warmup, Duration measure,
            Function<Integer, CompletableFuture<?>> request) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        List<Caller> running = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(callers, threads);
        try {
            for (int i = 0; i < callers; i++) {
                Caller caller = new Caller(measureFrom, measureTo, request);
                running.add(caller);
                pool.execute(caller);
            }
            sleepUntil(measureFrom);
            JvmMeter meter = JvmMeter.start(threads);
            sleepUntil(measureTo);
            JvmMeter.Reading reading = meter.read();
            pool.shutdown();
            if (!pool.awaitTermination(RecqSide.TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
            Samples latencies = new Samples();
            long completed = 0;
            long failed = 0;
            String failure = null;
            for (Caller caller : running) {
                latencies.addAll(caller.latencies);
                completed += caller.completed;
                failed += caller.failed;
                if (failure == null) {
                    failure = caller.failure;
                }
            }
            return new Measurement(completed, failed, measure, latencies, reading, failure);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Open loop: requests leave at a fixed rate, whatever the answers do, from a pool of sender threads (a send
     * blocks until the broker has the message); each latency runs from the request's planned departure to its
     * answer, so that a slow answer cannot hide the queueing behind it.
     *
     * @param rate requests per second
     * @param warmup not measured
     * @param measure measured
     * @param request sends one request (given a random account index)
     * @return what was measured
     * @throws InterruptedException when interrupted
     */
    public Measurement openLoop(double rate, Duration warmup, Duration measure,
            Function<Integer, CompletableFuture<?>> request) throws InterruptedException {
        long start = System.nanoTime() + 10_000_000;
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        double interval = 1e9 / rate;
        ExecutorService senders = Executors.newFixedThreadPool(32, threads);
        Samples latencies = new Samples();
        AtomicLong failed = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        List<CompletableFuture<?>> measured = new ArrayList<>();
        String[] failure = new String[1];
        JvmMeter meter = null;
        JvmMeter.Reading reading = null;
        try {
            for (long i = 0;; i++) {
                long planned = start + (long) (i * interval);
                if (planned >= measureTo) {
                    break;
                }
                if (meter == null && planned >= measureFrom) {
                    sleepUntil(measureFrom);
                    meter = JvmMeter.start(threads);
                }
                sleepUntil(planned);
                boolean counted = planned >= measureFrom;
                CompletableFuture<Object> done = new CompletableFuture<>();
                senders.execute(() -> {
                    try {
                        request.apply(ThreadLocalRandom.current().nextInt(ACCOUNTS)).whenComplete((value, error) -> {
                            long latency = System.nanoTime() - planned;
                            if (counted) {
                                if (error == null) {
                                    synchronized (latencies) {
                                        latencies.add(latency);
                                    }
                                    completed.incrementAndGet();
                                } else {
                                    failed.incrementAndGet();
                                    failure[0] = String.valueOf(error);
                                }
                            }
                            done.complete(null);
                        });
                    } catch (RuntimeException e) {
                        if (counted) {
                            failed.incrementAndGet();
                            failure[0] = String.valueOf(e);
                        }
                        done.complete(null);
                    }
                });
                if (counted) {
                    measured.add(done);
                }
            }
            sleepUntil(measureTo);
            reading = meter == null ? JvmMeter.start(threads).read() : meter.read();
            try {
                CompletableFuture.allOf(measured.toArray(CompletableFuture[]::new))
                        .get(RecqSide.TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            } catch (Exception e) {
                failure[0] = "answers missing after the run: " + e;
            }
            synchronized (latencies) {
                return new Measurement(completed.get(), failed.get(), measure, latencies, reading, failure[0]);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        while (true) {
            long left = nanoTime - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (left > 2_000_000) {
                Thread.sleep((left - 1_000_000) / 1_000_000);
            } else {
                Thread.onSpinWait();
                if (left > 200_000) {
                    Thread.sleep(0, 100_000);
                }
            }
        }
    }

    /**
     * What a closed or open loop measured.
     *
     * @param completed answers in the window
     * @param failed failures in the window
     * @param window the measured window
     * @param latencies the latencies of the answers
     * @param jvm what the server spent in the window
     * @param failure the first failure, or {@code null}
     */
    public record Measurement(long completed, long failed, Duration window, Samples latencies,
            JvmMeter.Reading jvm, String failure) {

        /**
         * @return answers per second
         */
        public double rate() {
            return completed / (window.toNanos() / 1e9);
        }
    }

    private static final class Caller implements Runnable {

        private final long measureFrom;
        private final long measureTo;
        private final Function<Integer, CompletableFuture<?>> request;
        private final Samples latencies = new Samples();
        private long completed;
        private long failed;
        private String failure;

        Caller(long measureFrom, long measureTo, Function<Integer, CompletableFuture<?>> request) {
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
            this.request = request;
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < measureTo && !Thread.currentThread().isInterrupted()) {
                long sent = System.nanoTime();
                boolean ok;
                try {
                    request.apply(random.nextInt(ACCOUNTS)).get(RecqSide.TIMEOUT.toMillis() + 5_000,
                            TimeUnit.MILLISECONDS);
                    ok = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    ok = false;
                    if (failure == null) {
                        failure = String.valueOf(e);
                    }
                }
                long answered = System.nanoTime();
                if (sent >= measureFrom && answered <= measureTo) {
                    if (ok) {
                        completed++;
                        latencies.add(answered - sent);
                    } else {
                        failed++;
                    }
                }
            }
        }
    }
}
