package io.recq.cdi.event;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.recq.cdi.runtime.RecqResources;

/**
 * Runs work in a new JTA transaction, begun by the container's transaction manager, that any exception rolls
 * back: the trackers' batches ({@link TrackerTransactions}) and the dead event queue's operations.
 */
@ApplicationScoped
public class ConsumerTransactions {

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
     * @throws Exception what it threw, after rollback
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public <T> T inNewTransaction(Callable<T> work) throws Exception {
        T result;
        try {
            result = work.call();
        } catch (Error e) {
            // the interceptor would commit after an Error: it rolls back only on exceptions
            throw new ErrorInTransaction(e);
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

    /**
     * An {@link Error} thrown by work in a transaction, carried out as an exception so that the transaction
     * rolls back; {@link #getCause()} is the error.
     */
    public static final class ErrorInTransaction extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ErrorInTransaction(Error cause) {
            super(cause.toString(), cause);
        }
    }
}
