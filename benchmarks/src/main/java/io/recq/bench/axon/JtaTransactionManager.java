package io.recq.bench.axon;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's transactions as the server's JTA transactions. A unit of work that starts while the thread has a
 * transaction joins it (commit is left to its owner, rollback marks it rollback-only), as Spring's
 * {@code REQUIRED} propagation does for Axon's Spring users; otherwise it begins one and commits or rolls
 * it back.
 */
public final class JtaTransactionManager implements TransactionManager {

    private final UserTransaction transaction;

    /**
     * @param transaction the server's user transaction
     */
    public JtaTransactionManager(UserTransaction transaction) {
        this.transaction = transaction;
    }

    @Override
    public Transaction startTransaction() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                return new Joined();
            }
            transaction.begin();
            return new Owned();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start a JTA transaction", e);
        }
    }

    private final class Owned implements Transaction {

        @Override
        public void commit() {
            try {
                if (transaction.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                    transaction.rollback();
                    throw new IllegalStateException("The transaction was marked rollback-only and was rolled back");
                }
                transaction.commit();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("The JTA transaction did not commit", e);
            }
        }

        @Override
        public void rollback() {
            try {
                if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    transaction.rollback();
                }
            } catch (SystemException e) {
                throw new IllegalStateException("The JTA transaction did not roll back", e);
            }
        }
    }

    private final class Joined implements Transaction {

        @Override
        public void commit() {
            // its owner commits
        }

        @Override
        public void rollback() {
            try {
                if (transaction.getStatus() == Status.STATUS_ACTIVE) {
                    transaction.setRollbackOnly();
                }
            } catch (SystemException e) {
                throw new IllegalStateException("Could not mark the JTA transaction rollback-only", e);
            }
        }
    }
}
