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
 * projected it committed, by the command's ticket. Handlers call it from inside their transaction. The
 * command's time is taken when its commit begins ({@code beforeCompletion}), the projection's when its
 * commit has ended ({@code afterCompletion}), so that the latency between them includes both commits and
 * is never understated; either counts only when its transaction committed (a rolled back attempt that is
 * delivered again records nothing). Ticket 0 is not followed and costs nothing.
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
            whenCommitted(commandCommits, ticket, true);
        }
    }

    /**
     * Called in the projecting transaction.
     *
     * @param ticket the event's ticket
     */
    public void onProjectionCommit(long ticket) {
        if (ticket > 0) {
            whenCommitted(projectionCommits, ticket, false);
        }
    }

    private void whenCommitted(Map<Long, Long> into, long ticket, boolean atStart) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            private long started;

            @Override
            public void beforeCompletion() {
                started = System.nanoTime();
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    into.put(ticket, atStart ? started : System.nanoTime());
                }
            }
        });
    }

    /**
     * @param ticket a ticket
     * @return when its command's commit began ({@link System#nanoTime()}), or {@code null}
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
