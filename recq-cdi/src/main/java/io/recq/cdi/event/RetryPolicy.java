package io.recq.cdi.event;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;

import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.spi.TransientStoreException;

/**
 * How a consumer reacts to a failing event: how many attempts a handler gets, how long it waits before each,
 * and which failures are transient (the database or the broker is unavailable: retried without limit and
 * never dead-lettered) rather than a fault of the event or the handler (retried {@code retry} times, then
 * dead-lettered).
 */
public final class RetryPolicy {

    private final EventSettings settings;

    /**
     * @param settings the deployment's settings
     */
    public RetryPolicy(EventSettings settings) {
        this.settings = settings;
    }

    /**
     * @param handler a handler
     * @return how many times a failing event is retried: the handler's {@code retry}, or the configured default
     *         when the annotation leaves its default
     */
    public int retries(HandlerMethod handler) {
        if (handler == null) {
            return settings.defaultRetry();
        }
        return handler.retry() == EventSettings.annotationDefaultRetry() ? settings.defaultRetry() : handler.retry();
    }

    /**
     * @param handler a handler
     * @param failedAttempts how many attempts have failed so far (at least 1)
     * @return the delay before the next attempt: {@code retryDelay} after the first failure, doubling after each
     *         further one, at most the configured maximum
     */
    public Duration delayAfter(HandlerMethod handler, int failedAttempts) {
        long base = handler == null || handler.retryDelay() == EventSettings.annotationDefaultRetryDelay()
                ? settings.defaultRetryDelay().toMillis()
                : handler.retryDelay();
        return doubling(base, failedAttempts, settings.maxRetryDelay().toMillis());
    }

    /**
     * @param failures how many transient failures happened in a row (at least 1)
     * @return the delay before trying again
     */
    public Duration transientDelay(int failures) {
        return doubling(settings.transientDelay().toMillis(), failures, settings.maxRetryDelay().toMillis());
    }

    static Duration doubling(long base, int failures, long max) {
        if (base <= 0) {
            return Duration.ZERO;
        }
        int shift = Math.max(0, Math.min(failures - 1, 30));
        long delay = base << shift;
        return Duration.ofMillis(delay < 0 || delay > max ? max : delay);
    }

    /**
     * @param failure what a handler, the store or the transaction threw
     * @return whether it is transient: a {@link TransientStoreException}, a JMS failure, a transient or
     *         recoverable SQL failure, or an SQL failure of class 08 (connection), 40 (rollback: serialisation,
     *         deadlock) or a lock or statement timeout, or an optimistic-lock conflict, anywhere in the chain of causes
     */
    public static boolean isTransient(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof TransientStoreException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException || t instanceof jakarta.jms.JMSException
                    || t instanceof jakarta.jms.JMSRuntimeException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.QueryTimeoutException
                    || t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("40") || state.equals("55P03")
                || state.equals("57014") || state.equals("57P01") || state.equals("HYT00") || state.equals("90131"));
    }
}
