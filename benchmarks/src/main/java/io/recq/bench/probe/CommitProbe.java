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
 * command's commit is recorded when it begins ({@code beforeCompletion}) and when it has ended
 * ({@code afterCompletion}), the projection's when its commit has ended: the event became visible somewhere
 * within the command's commit, so the two give an upper and a lower bound of the latency. A time counts only
 * when its transaction committed (a rolled back attempt that is delivered again records nothing). Ticket 0
 * is not followed and costs nothing.
 */
@ApplicationScoped
public class CommitProbe {

    private final Map<Long, Long> commandCommits = new ConcurrentHashMap<>();
    private final Map<Long, Long> commandCommitEnds = new ConcurrentHashMap<>();
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
            whenCommitted(ticket, commandCommits, commandCommitEnds);
        }
    }

    /**
     * Called in the projecting transaction.
     *
     * @param ticket the event's ticket
     */
    public void onProjectionCommit(long ticket) {
        if (ticket > 0) {
            whenCommitted(ticket, null, projectionCommits);
        }
    }

    private void whenCommitted(long ticket, Map<Long, Long> starts, Map<Long, Long> ends) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            private long started;

            @Override
            public void beforeCompletion() {
                started = System.nanoTime();
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    long ended = System.nanoTime();
                    if (starts != null) {
                        starts.put(ticket, started);
                    }
                    ends.put(ticket, ended);
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
     * @return when its command's commit ended ({@link System#nanoTime()}), or {@code null}
     */
    public Long commandCommitEnd(long ticket) {
        return commandCommitEnds.get(ticket);
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
        commandCommitEnds.clear();
        projectionCommits.clear();
    }
}
