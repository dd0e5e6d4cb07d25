package io.recq.bench.probe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Records when the transaction that stored a followed event committed, and when the transaction that
 * projected it committed, by the command's ticket. Handlers call it from inside their transaction; the time
 * is taken in {@code afterCompletion}, after the commit, and only when the transaction committed (a rolled
 * back attempt that is delivered again records nothing). Ticket 0 is not followed and costs nothing.
 */
@ApplicationScoped
public class CommitProbe {

    private final Map<Long, Long> commandCommits = new ConcurrentHashMap<>();
    private final Map<Long, Long> projectionCommits = new ConcurrentHashMap<>();

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Called in the command's transaction.
     *
     * @param ticket the command's ticket
     */
    public void onCommandCommit(long ticket) {
        if (ticket > 0) {
            whenCommitted(commandCommits, ticket);
        }
    }

    /**
     * Called in the projecting transaction.
     *
     * @param ticket the event's ticket
     */
    public void onProjectionCommit(long ticket) {
        if (ticket > 0) {
            whenCommitted(projectionCommits, ticket);
        }
    }

    private void whenCommitted(Map<Long, Long> into, long ticket) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    into.put(ticket, System.nanoTime());
                }
            }
        });
    }

    /**
     * @param ticket a ticket
     * @return when its command committed ({@link System#nanoTime()}), or {@code null}
     */
    public Long commandCommit(long ticket) {
        return commandCommits.get(ticket);
    }

    /**
     * @param ticket a ticket
     * @return when its event was projected ({@link System#nanoTime()}), or {@code null}
     */
    public Long projectionCommit(long ticket) {
        return projectionCommits.get(ticket);
    }

    /**
     * Forgets every recorded ticket.
     */
    public void clear() {
        commandCommits.clear();
        projectionCommits.clear();
    }
}
