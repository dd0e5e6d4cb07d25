package io.recq.jpa;

import java.sql.SQLException;
import java.util.Optional;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;

import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.ConcurrentAppendException;
import io.recq.cdi.spi.TransientStoreException;

/**
 * Sorts database failures into transient ones (worth handling the command again on its next delivery) and
 * the rest, by the SQLSTATE of the underlying {@link SQLException}, which is standard across databases.
 */
public final class StoreFailures {

    private StoreFailures() {
    }

    /**
     * @param failure what the persistence provider threw
     * @param where the store operation, for the message
     * @return a {@link ConcurrentAppendException} for a constraint violation (class 23: another transaction
     *         stored the same key), a {@link TransientStoreException} for a lost connection (class 08), a
     *         serialization failure or deadlock (class 40), a lock or statement timeout; the failure itself
     *         otherwise
     */
    public static RuntimeException translate(RuntimeException failure, String where) {
        String state = sqlState(failure).orElse("");
        if (state.startsWith("23")) {
            return new ConcurrentAppendException(ErrorCode.CONCURRENT_APPEND.code() + " " + where + ": another "
                    + "transaction stored the same key at the same time (SQLSTATE " + state + ": "
                    + rootMessage(failure) + "). The command is handled again on its next delivery", failure);
        }
        if (state.startsWith("08") || state.startsWith("40") || state.equals("55P03") || state.equals("57014")
                || state.equals("HYT00") || state.equals("90131") || failure instanceof LockTimeoutException
                || failure instanceof PessimisticLockException || failure instanceof QueryTimeoutException) {
            return new TransientStoreException(ErrorCode.STORE_UNAVAILABLE.code() + " " + where + ": the database "
                    + "is unreachable, or a lock wait timed out (SQLSTATE " + state + ": " + rootMessage(failure)
                    + "). The command is handled again on its next delivery; check the database if this persists",
                    failure);
        }
        return failure;
    }

    /**
     * @param failure a failure
     * @return the SQLSTATE of the first {@link SQLException} in its causes (or in their chains of next exceptions)
     */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a batch's failure may carry its statement's failure as the next exception rather than the cause
            for (SQLException sql = t instanceof SQLException e ? e : null; sql != null; sql = sql.getNextException()) {
                if (sql.getSQLState() != null) {
                    return Optional.of(sql.getSQLState());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param failure a failure
     * @return the message of its deepest cause
     */
    public static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
