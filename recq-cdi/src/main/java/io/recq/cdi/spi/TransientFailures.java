package io.recq.cdi.spi;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a failure that is worth trying again later (the database or the broker cannot be reached, a lock
 * wait or a statement timed out, a serialization failure or deadlock, a concurrent write of the same key)
 * from one that will fail the same way every time. Transient failures are retried with a growing delay
 * and never count towards dead-lettering a command or an event; only permanent ones do.
 *
 * <p>The classification walks the whole cause chain, so that a failure keeps its nature through the
 * layers that wrap it (JPA, JTA, JMS, the resource adapters). It recognises the SQLSTATE classes that
 * every database uses for these conditions, the JDBC and Jakarta Messaging exception types, and the
 * classes of the persistence and transaction APIs by name, so that this module needs neither.
 */
public final class TransientFailures {

    /** SQLSTATE classes (first two characters) of transient conditions: connection (08), rollback (40). */
    private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "40");
    /** SQLSTATEs of transient conditions: lock not available, query cancelled, admin shutdown, cannot
     * connect now, H2's lock timeout and "database is closed". */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "57014", "57P01", "57P02", "57P03",
            "HYT00", "90131", "90098", "90067", "90121");
    /** Types that are transient by definition, by simple class name (their APIs are not visible here). */
    private static final Set<String> TRANSIENT_TYPES = Set.of("LockTimeoutException", "PessimisticLockException",
            "QueryTimeoutException", "JDBCConnectionException", "LockAcquisitionException",
            "PessimisticLockingFailureException", "JMSException", "JMSRuntimeException",
            "IllegalStateRuntimeException", "TransactionRolledbackLocalException", "ResourceException",
            "ActiveMQNotConnectedException", "ActiveMQUnBlockedException", "ActiveMQConnectionTimedOutException",
            "ActiveMQDisconnectedException", "ActiveMQObjectClosedException",
            "ActiveMQTransactionOutcomeUnknownException",
            "ActiveMQTransactionRolledBackException");

    /** Broker failures that are the sender's mistake, not an outage. */
    private static final Set<String> PERMANENT_TYPES = Set.of("InvalidDestinationException",
            "InvalidDestinationRuntimeException", "JMSSecurityException", "JMSSecurityRuntimeException",
            "MessageFormatException", "MessageFormatRuntimeException", "InvalidSelectorException",
            "InvalidSelectorRuntimeException", "MessageNotWriteableException", "MessageNotReadableException");

    private TransientFailures() {
    }

    /**
     * @param failure what was thrown
     * @return whether trying the same work again later may succeed
     */
    public static boolean isTransient(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof TransientStoreException || t instanceof ConcurrentAppendException
                    || t instanceof TransportUnavailableException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && isTransientState(sql.getSQLState())) {
                return true;
            }
            if (isTransientType(t.getClass())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientState(String state) {
        return state.length() >= 2 && TRANSIENT_STATE_CLASSES.contains(state.substring(0, 2))
                || TRANSIENT_STATES.contains(state);
    }

    private static boolean isTransientType(Class<?> type) {
        if (PERMANENT_TYPES.contains(type.getSimpleName())) {
            return false;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (TRANSIENT_TYPES.contains(c.getSimpleName())) {
                return true;
            }
        }
        return false;
    }
}
