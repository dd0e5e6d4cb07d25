package io.recq.cdi.event;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Runs work in a new JTA transaction that any exception rolls back, for calls that do not come from a
 * tracker's thread (the dead event queue's operations).
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
        return work.call();
    }
}
