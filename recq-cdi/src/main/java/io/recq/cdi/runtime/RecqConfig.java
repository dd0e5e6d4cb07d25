package io.recq.cdi.runtime;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.recq.cdi.serialization.PayloadCodec;

/**
 * The framework's MicroProfile Config keys, in one place. Every key is documented in the README.
 */
@ApplicationScoped
public class RecqConfig {

    /** Default timeout of {@code CommandGateway} calls without an explicit one, in milliseconds. */
    public static final String COMMAND_TIMEOUT_MS = "recq.command.timeout-ms";
    /** Default timeout of {@code QueryGateway} calls without an explicit one, in milliseconds. */
    public static final String QUERY_TIMEOUT_MS = "recq.query.timeout-ms";
    /** Largest payload accepted, in bytes of UTF-8 JSON. */
    public static final String PAYLOAD_MAX_BYTES = "recq.payload.max-bytes";

    /** JNDI name of the ManagedThreadFactory the runtime's long-running threads come from. */
    public static final String MANAGED_THREAD_FACTORY = "recq.managed-thread-factory";
    /** JNDI name of the ManagedScheduledExecutorService for timeouts, hand-offs and periodic work. */
    public static final String MANAGED_SCHEDULED_EXECUTOR = "recq.managed-scheduled-executor";
    /** JNDI name of the ManagedExecutorService for short asynchronous work. */
    public static final String MANAGED_EXECUTOR = "recq.managed-executor";
    /** JNDI name of the UserTransaction; unset: the container's CDI bean. */
    public static final String USER_TRANSACTION = "recq.user-transaction";
    /** JNDI name of the TransactionSynchronizationRegistry; unset: the container's CDI bean, else java:comp. */
    public static final String TRANSACTION_SYNCHRONIZATION_REGISTRY = "recq.transaction-synchronization-registry";

    /** How long an idempotency key is remembered, in milliseconds. */
    public static final String IDEMPOTENCY_RETENTION_MS = "recq.idempotency.retention-ms";
    /** How often the store removes idempotency records older than the retention, in milliseconds. */
    public static final String IDEMPOTENCY_CLEANUP_INTERVAL_MS = "recq.idempotency.cleanup-interval-ms";
    /** Prefix of the per-aggregate snapshot frequency: {@code recq.aggregate.<SimpleName>.snapshot-frequency}. */
    public static final String AGGREGATE_PREFIX = "recq.aggregate.";

    // --- event consumers (projectors, sagas, observers); see recq-cdi/README-event-config.md
    /** Whether this node runs event consumers at all. */
    public static final String EVENT_ENABLED = "recq.event.enabled";
    /** The id this node holds consumer leases under; default: the server's node name and a random suffix. */
    public static final String EVENT_NODE_ID = "recq.event.node-id";
    /** Most events read and handled in one transaction. */
    public static final String EVENT_BATCH_SIZE = "recq.event.batch-size";
    /** Most events one transaction of a replaying consumer reads and handles. */
    public static final String EVENT_REPLAY_BATCH_SIZE = "recq.event.replay-batch-size";
    /** How often an idle consumer looks for new events without a notification, in milliseconds. */
    public static final String EVENT_POLL_INTERVAL_MS = "recq.event.poll-interval-ms";
    /** How long a consumer's lease lasts unless renewed, in milliseconds. */
    public static final String EVENT_LEASE_MS = "recq.event.lease-ms";
    /** Default of {@code retry} for handlers that leave the annotation's default. */
    public static final String EVENT_RETRY = "recq.event.retry";
    /** Default of {@code retryDelay} (milliseconds) for handlers that leave the annotation's default. */
    public static final String EVENT_RETRY_DELAY_MS = "recq.event.retry-delay-ms";
    /** Upper bound of the doubling delay between attempts, in milliseconds. */
    public static final String EVENT_RETRY_MAX_DELAY_MS = "recq.event.retry-max-delay-ms";
    /** First delay after a transient failure (database or broker unavailable), in milliseconds. */
    public static final String EVENT_TRANSIENT_DELAY_MS = "recq.event.transient-delay-ms";
    /** Events of one batch an observer handles at the same time. */
    public static final String EVENT_OBSERVER_CONCURRENCY = "recq.event.observer-concurrency";
    /** Timeout of a consumer's transaction, in seconds. */
    public static final String EVENT_TRANSACTION_TIMEOUT_S = "recq.event.transaction-timeout-s";
    /** Prefix of per-projector keys: {@code recq.projector.<SimpleName>.gating}. */
    public static final String PROJECTOR_PREFIX = "recq.projector.";

    private Config config;

    protected RecqConfig() {
        // for the proxy
    }

    @Inject
    public RecqConfig(Config config) {
        this.config = config;
    }

    /**
     * @param key a key
     * @param defaultValue the value when the key is not configured
     * @return the configured value
     */
    public long getLong(String key, long defaultValue) {
        return config.getOptionalValue(key, Long.class).orElse(defaultValue);
    }

    /**
     * @param key a key
     * @param defaultValue the value when the key is not configured
     * @return the configured value
     */
    public int getInt(String key, int defaultValue) {
        return config.getOptionalValue(key, Integer.class).orElse(defaultValue);
    }

    /**
     * @param key a key
     * @param defaultValue the value when the key is not configured
     * @return the configured value
     */
    public String getString(String key, String defaultValue) {
        return config.getOptionalValue(key, String.class).orElse(defaultValue);
    }

    /**
     * @param key a key
     * @param defaultValue the value when the key is not configured
     * @return the configured value
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        return config.getOptionalValue(key, Boolean.class).orElse(defaultValue);
    }

    public Duration commandTimeout() {
        return Duration.ofMillis(positive(COMMAND_TIMEOUT_MS, getLong(COMMAND_TIMEOUT_MS, 30_000)));
    }

    public Duration queryTimeout() {
        return Duration.ofMillis(positive(QUERY_TIMEOUT_MS, getLong(QUERY_TIMEOUT_MS, 10_000)));
    }

    public int maxPayloadBytes() {
        return (int) positive(PAYLOAD_MAX_BYTES, getInt(PAYLOAD_MAX_BYTES, PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES));
    }

    /**
     * @param aggregateName an aggregate's simple class name
     * @return the key that overrides its {@code @Aggregate(snapshotFrequency)}:
     *         {@code recq.aggregate.<SimpleName>.snapshot-frequency}
     */
    public static String snapshotFrequencyKey(String aggregateName) {
        return AGGREGATE_PREFIX + aggregateName + ".snapshot-frequency";
    }

    /**
     * @param projectorName a projector's simple class name
     * @return the key that makes the deployment's readiness DOWN while that projector replays:
     *         {@code recq.projector.<SimpleName>.gating}
     */
    public static String projectorGatingKey(String projectorName) {
        return PROJECTOR_PREFIX + projectorName + ".gating";
    }

    private static long positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("RECQ configuration " + key + " must be positive, got " + value);
        }
        return value;
    }
}
