package io.recq.cdi.event;

import java.time.Duration;

import io.recq.api.EventHandler;
import io.recq.cdi.runtime.RecqConfig;

/**
 * The tunables of event consumption, read once at start from MicroProfile Config (keys in
 * {@link RecqConfig}, documented in {@code recq-cdi/README-event-config.md}).
 *
 * @param enabled whether this node runs event consumers
 * @param nodeId the id this node holds leases under
 * @param batchSize most events per transaction of a consumer that is live (caught up)
 * @param replayBatchSize most events per transaction of a consumer that is replaying
 * @param pollInterval how often an idle consumer reads the store without a notification
 * @param lease how long a lease lasts unless renewed; renewed every third of it
 * @param defaultRetry retries of handlers that leave the annotation's default
 * @param defaultRetryDelay first retry delay of handlers that leave the annotation's default
 * @param maxRetryDelay upper bound of the doubling delay
 * @param transientDelay first delay after a transient failure; doubles up to {@code maxRetryDelay}
 * @param observerConcurrency events of one batch an observer handles at the same time
 * @param transactionTimeoutSeconds timeout of a consumer's transaction
 */
public record EventSettings(boolean enabled, String nodeId, int batchSize, int replayBatchSize,
        Duration pollInterval, Duration lease,
        int defaultRetry, Duration defaultRetryDelay, Duration maxRetryDelay, Duration transientDelay,
        int observerConcurrency, int transactionTimeoutSeconds) {

    /** Default of {@link RecqConfig#EVENT_BATCH_SIZE}. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** Default of {@link RecqConfig#EVENT_REPLAY_BATCH_SIZE}. */
    public static final int DEFAULT_REPLAY_BATCH_SIZE = 2_000;
    /** Default of {@link RecqConfig#EVENT_POLL_INTERVAL_MS}. */
    public static final long DEFAULT_POLL_INTERVAL_MS = 5_000;
    /** Default of {@link RecqConfig#EVENT_LEASE_MS}. */
    public static final long DEFAULT_LEASE_MS = 6_000;
    /** Default of {@link RecqConfig#EVENT_RETRY_MAX_DELAY_MS}. */
    public static final long DEFAULT_RETRY_MAX_DELAY_MS = 60_000;
    /** Default of {@link RecqConfig#EVENT_TRANSIENT_DELAY_MS}. */
    public static final long DEFAULT_TRANSIENT_DELAY_MS = 500;
    /** Default of {@link RecqConfig#EVENT_OBSERVER_CONCURRENCY}. */
    public static final int DEFAULT_OBSERVER_CONCURRENCY = 4;
    /** Default of {@link RecqConfig#EVENT_TRANSACTION_TIMEOUT_S}. */
    public static final int DEFAULT_TRANSACTION_TIMEOUT_S = 300;

    public EventSettings {
        require(RecqConfig.EVENT_BATCH_SIZE, batchSize, 1);
        require(RecqConfig.EVENT_REPLAY_BATCH_SIZE, replayBatchSize, 1);
        require(RecqConfig.EVENT_POLL_INTERVAL_MS, pollInterval.toMillis(), 1);
        require(RecqConfig.EVENT_LEASE_MS, lease.toMillis(), 30);
        require(RecqConfig.EVENT_RETRY, defaultRetry, 0);
        require(RecqConfig.EVENT_RETRY_DELAY_MS, defaultRetryDelay.toMillis(), 0);
        require(RecqConfig.EVENT_RETRY_MAX_DELAY_MS, maxRetryDelay.toMillis(), 1);
        require(RecqConfig.EVENT_TRANSIENT_DELAY_MS, transientDelay.toMillis(), 1);
        require(RecqConfig.EVENT_OBSERVER_CONCURRENCY, observerConcurrency, 1);
        require(RecqConfig.EVENT_TRANSACTION_TIMEOUT_S, transactionTimeoutSeconds, 1);
    }

    /**
     * @param config the deployment's configuration
     * @param defaultNodeId the node id when none is configured
     * @return the settings
     */
    public static EventSettings read(RecqConfig config, String defaultNodeId) {
        return new EventSettings(
                config.getBoolean(RecqConfig.EVENT_ENABLED, true),
                config.getString(RecqConfig.EVENT_NODE_ID, defaultNodeId),
                config.getInt(RecqConfig.EVENT_BATCH_SIZE, DEFAULT_BATCH_SIZE),
                config.getInt(RecqConfig.EVENT_REPLAY_BATCH_SIZE, DEFAULT_REPLAY_BATCH_SIZE),
                Duration.ofMillis(config.getLong(RecqConfig.EVENT_POLL_INTERVAL_MS, DEFAULT_POLL_INTERVAL_MS)),
                Duration.ofMillis(config.getLong(RecqConfig.EVENT_LEASE_MS, DEFAULT_LEASE_MS)),
                config.getInt(RecqConfig.EVENT_RETRY, annotationDefaultRetry()),
                Duration.ofMillis(config.getLong(RecqConfig.EVENT_RETRY_DELAY_MS, annotationDefaultRetryDelay())),
                Duration.ofMillis(config.getLong(RecqConfig.EVENT_RETRY_MAX_DELAY_MS, DEFAULT_RETRY_MAX_DELAY_MS)),
                Duration.ofMillis(config.getLong(RecqConfig.EVENT_TRANSIENT_DELAY_MS, DEFAULT_TRANSIENT_DELAY_MS)),
                config.getInt(RecqConfig.EVENT_OBSERVER_CONCURRENCY, DEFAULT_OBSERVER_CONCURRENCY),
                config.getInt(RecqConfig.EVENT_TRANSACTION_TIMEOUT_S, DEFAULT_TRANSACTION_TIMEOUT_S));
    }

    /**
     * @return how often a held lease is renewed, and a free one claimed: a third of the lease
     */
    public Duration leaseRenewal() {
        return lease.dividedBy(3);
    }

    /**
     * @return the default of {@link EventHandler#retry()} (and of {@code SagaEventHandler#retry()})
     */
    public static int annotationDefaultRetry() {
        return (int) defaultOf("retry");
    }

    /**
     * @return the default of {@link EventHandler#retryDelay()} (and of {@code SagaEventHandler#retryDelay()})
     */
    public static long annotationDefaultRetryDelay() {
        return ((Number) defaultOf("retryDelay")).longValue();
    }

    private static Object defaultOf(String member) {
        try {
            return EventHandler.class.getMethod(member).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("EventHandler#" + member + " is missing", e);
        }
    }

    private static void require(String key, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException("RECQ configuration " + key + " must be at least " + minimum
                    + ", got " + value + ". Fix: correct the value in your MicroProfile Config source");
        }
    }
}
