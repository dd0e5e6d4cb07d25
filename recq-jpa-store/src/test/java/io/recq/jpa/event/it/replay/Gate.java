package io.recq.jpa.event.it.replay;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/** Holds version 2 of the projector at its first event until the test has seen readiness DOWN; measures it. */
@ApplicationScoped
public class Gate {
    final CountDownLatch open = new CountDownLatch(1);
    static final AtomicLong FIRST = new AtomicLong();
    static final AtomicLong LAST = new AtomicLong();
    static final AtomicLong HANDLED = new AtomicLong();
    static final AtomicLong REPLAY_FLAGS = new AtomicLong();

    /**
     * @return the open latch
     */
    public CountDownLatch open() {
        return open;
    }

    /**
     * Records one handled event.
     *
     * @param replaying whether the handler saw {@code isHeadReached() == false}
     */
    public static void handled(boolean replaying) {
        FIRST.compareAndSet(0, System.nanoTime());
        if (replaying) {
            REPLAY_FLAGS.incrementAndGet();
        }
        HANDLED.incrementAndGet();
        LAST.set(System.nanoTime());
    }
}
