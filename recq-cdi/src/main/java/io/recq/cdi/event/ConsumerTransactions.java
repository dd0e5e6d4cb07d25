package io.recq.cdi.event;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Runs work in a new JTA transaction, begun by the container's transaction manager, that any exception rolls
 * back: the trackers' batches ({@link TrackerTransactions}) and the dead event queue's operations.
 */
@ApplicationScoped
public class ConsumerTransactions {

    /**
     * @param work what to run
     * @param <T> its result type
     * @return its result, after commit
     * @throws Exception what it threw, after rollback
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public <T> T inNewTransaction(Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (Error e) {
            // the interceptor would commit after an Error: it rolls back only on exceptions
            throw new ErrorInTransaction(e);
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
