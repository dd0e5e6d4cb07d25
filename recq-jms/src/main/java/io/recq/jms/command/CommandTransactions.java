package io.recq.jms.command;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.recq.cdi.runtime.RecqResources;

/**
 * Runs the store's side of handling commands in a JTA transaction of its own, suspending the consumer's
 * transaction that holds the received messages: the database commits alone (one resource, one phase), and
 * the broker's acknowledgement, replies and event notifications follow in the consumer's transaction after
 * it. Any exception or error rolls the work back. Also the consumer's hold: begun here, by the transaction
 * manager, rather than by the user transaction, which would enlist again the connections a long-lived
 * consumer thread left open (see {@code io.recq.cdi.event.TrackerTransactions}).
 */
@ApplicationScoped
public class CommandTransactions {

    /**
     * The registry that tells whether the work's transaction was marked for rollback: the container's CDI bean
     * where it offers one (WildFly), else {@code java:comp/TransactionSynchronizationRegistry} (Payara).
     */
    @Inject
    RecqResources resources;

    /**
     * @param work what to run
     * @param <T> its result type
     * @return its result, after commit
     * @throws Exception what it threw, after rollback; or why the commit failed
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public <T> T inNewTransaction(Callable<T> work) throws Exception {
        T result;
        try {
            result = work.call();
        } catch (Error e) {
            // the interceptor would commit after an Error: it rolls back only on exceptions
            throw new IllegalStateException("the work of a command transaction threw " + e, e);
        }
        // the interceptor rolls back a transaction marked rollback-only without a word, and the caller would
        // take the work for committed (a connection lost under the persistence provider marks it so, and
        // Hibernate may then answer a find with null instead of failing)
        if (resources.transactionSynchronizationRegistry().getRollbackOnly()) {
            throw new RolledBackException("the transaction was marked for rollback; nothing of this work committed");
        }
        return result;
    }

    /** Work whose transaction was marked for rollback: thrown so that the caller does not take it for committed. */
    public static final class RolledBackException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RolledBackException(String message) {
            super(message);
        }
    }
}
