package io.recq.cdi.event;

import java.util.concurrent.Callable;

import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;

/**
 * Runs a tracker's unit of work in a JTA transaction of its own, begun through the container's transaction
 * manager ({@code @Transactional}), never through {@link UserTransaction#begin()}.
 *
 * <p>A tracker's thread runs one contextual task for as long as the deployment lives. Where the server tracks
 * the connections a component holds (WildFly's cached connection manager does, for managed threads too), a
 * {@code UserTransaction.begin()} enlists every connection handle still open in that task's context into the
 * new transaction. A handle that the persistence provider failed to close after a lost database connection
 * would then be enlisted into every later transaction of the tracker, and each would fail on the same dead
 * connection: the consumer would stop for good after a database outage. A transaction begun by the
 * transaction manager enlists only what its work opens.
 */
public interface TrackerTransactions {

    /**
     * @param timeoutSeconds the transaction's timeout
     * @param work what to run; any exception or error rolls it back
     * @param <T> its result type
     * @return its result, after commit
     * @throws Exception what the work threw, after rollback; or why the commit failed
     */
    <T> T inNewTransaction(int timeoutSeconds, Callable<T> work) throws Exception;

    /**
     * @param timeouts sets the timeout of the calling thread's next transaction (the container's user
     *        transaction; it is never begun)
     * @param transactions begins, commits and rolls back through {@code @Transactional}
     * @return the server's implementation
     */
    static TrackerTransactions of(UserTransaction timeouts, ConsumerTransactions transactions) {
        return new TrackerTransactions() {
            @Override
            public <T> T inNewTransaction(int timeoutSeconds, Callable<T> work) throws Exception {
                try {
                    timeouts.setTransactionTimeout(timeoutSeconds);
                } catch (SystemException | IllegalStateException e) {
                    // the container's default timeout applies
                }
                return transactions.inNewTransaction(work);
            }
        };
    }
}
