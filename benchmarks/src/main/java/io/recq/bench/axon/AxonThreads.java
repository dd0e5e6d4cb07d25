package io.recq.bench.axon;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

/**
 * The threads of one Axon configuration, from the server's managed thread factory, named after what runs on
 * them. Axon's shutdown stops them but does not wait for all of them (the event store's producer ends after its
 * current wait); {@link #awaitTermination} does, so that nothing of Axon outlives its configuration.
 */
public final class AxonThreads {

    private final ManagedThreadFactory factory;
    private final List<Thread> created = new CopyOnWriteArrayList<>();

    /**
     * @param factory the server's managed thread factory
     */
    public AxonThreads(ManagedThreadFactory factory) {
        this.factory = factory;
    }

    /**
     * @param name the threads' name, numbered
     * @return a factory of managed threads with that name
     */
    public ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = factory.newThread(task);
            thread.setName(name + "-" + count.incrementAndGet());
            created.add(thread);
            return thread;
        };
    }

    /**
     * Waits for every thread created so far to end.
     *
     * @param timeout how long at most, for all of them
     * @return whether they all ended
     * @throws InterruptedException when interrupted
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : created) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, left / 1_000_000));
            }
        }
        return created.stream().noneMatch(Thread::isAlive);
    }
}
