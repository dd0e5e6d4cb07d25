package io.recq.bench.replay;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Counts the events the replay projector applied and when: the first handled event, and the commit of every
 * transaction that applied some (the events count once committed). The replay deployments inject it; the Axon
 * replay makes one per replay.
 */
@ApplicationScoped
public class ReplayMeter {

    private static final Object KEY = ReplayMeter.class;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final AtomicLong firstHandled = new AtomicLong();
    private final AtomicLong lastCommit = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong transactionCount = new AtomicLong();

    /**
     * For CDI, which injects the registry.
     */
    public ReplayMeter() {
    }

    /**
     * @param transactions the server's transaction synchronization registry
     */
    public ReplayMeter(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /**
     * Called by the projector for every event, inside its transaction.
     */
    public void handled() {
        firstHandled.compareAndSet(0, System.nanoTime());
        AtomicLong inThisTransaction = (AtomicLong) transactions.getResource(KEY);
        if (inThisTransaction == null) {
            AtomicLong counter = new AtomicLong();
            transactions.putResource(KEY, counter);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing to do
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        committed.addAndGet(counter.get());
                        transactionCount.incrementAndGet();
                        lastCommit.set(System.nanoTime());
                    }
                }
            });
            inThisTransaction = counter;
        }
        inThisTransaction.incrementAndGet();
    }

    /**
     * @return events applied in committed transactions
     */
    public long committed() {
        return committed.get();
    }

    /**
     * @return committed transactions that applied events
     */
    public long transactions() {
        return transactionCount.get();
    }

    /**
     * @return nanoseconds from the first handled event to the last commit, or 0
     */
    public long elapsedNanos() {
        long first = firstHandled.get();
        return first == 0 ? 0 : Math.max(0, lastCommit.get() - first);
    }
}
