package io.recq.cdi.command;

import java.time.Duration;
import java.util.Objects;
import java.util.function.ToIntFunction;

import io.recq.cdi.model.ComponentModel;

/**
 * The settings of command handling.
 *
 * @param idempotencyRetention how long an idempotency key is remembered
 * @param snapshotFrequency the snapshot frequency of an aggregate (a positive number of events, or -1 for
 *        never); by default the one of its {@code @Aggregate} annotation
 */
public record CommandSettings(Duration idempotencyRetention, ToIntFunction<ComponentModel> snapshotFrequency) {

    /** The default retention of idempotency keys: one day. */
    public static final Duration DEFAULT_IDEMPOTENCY_RETENTION = Duration.ofDays(1);

    public CommandSettings {
        Objects.requireNonNull(idempotencyRetention, "idempotencyRetention");
        Objects.requireNonNull(snapshotFrequency, "snapshotFrequency");
        if (idempotencyRetention.isNegative() || idempotencyRetention.isZero()) {
            throw new IllegalArgumentException("the idempotency retention must be positive, got "
                    + idempotencyRetention);
        }
    }

    /**
     * @return the defaults: one day of idempotency retention, snapshots as annotated
     */
    public static CommandSettings defaults() {
        return new CommandSettings(DEFAULT_IDEMPOTENCY_RETENTION, ComponentModel::snapshotFrequency);
    }
}
