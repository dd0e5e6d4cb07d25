package io.recq.cdi.event;

import java.time.Duration;

import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.spi.TransientFailures;

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
     * @return whether it is transient ({@link TransientFailures}: the database or the broker cannot be reached,
     *         a lock wait or a statement timed out, a serialization failure or deadlock, a connection reset,
     *         anywhere in the chain of causes): retried with a growing delay, never counted against the
     *         handler's {@code retry}, never dead-lettered
     */
    public static boolean isTransient(Throwable failure) {
        return TransientFailures.isTransient(failure);
    }
}
