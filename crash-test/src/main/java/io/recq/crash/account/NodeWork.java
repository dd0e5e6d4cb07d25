package io.recq.crash.account;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How many deposit commands this server's {@link AccountAggregate} has handled since the deployment started:
 * the cluster test reads it on every node to see that the commands are spread over all of them. It counts
 * handler calls, also those whose transaction then rolled back.
 */
@ApplicationScoped
public class NodeWork {

    private final AtomicLong deposits = new AtomicLong();

    /** Counts one deposit handled on this server. */
    public void deposit() {
        deposits.incrementAndGet();
    }

    /**
     * @return the deposits handled on this server since the deployment started
     */
    public long deposits() {
        return deposits.get();
    }
}
