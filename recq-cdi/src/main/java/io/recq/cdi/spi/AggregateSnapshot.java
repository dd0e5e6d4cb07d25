package io.recq.cdi.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of an aggregate instance after a given version, so that loading it does not replay every event.
 *
 * @param aggregateId the aggregate id
 * @param aggregateType the aggregate's component name (its simple class name); a snapshot of another type
 *        is ignored
 * @param aggregateVersion the version of the last event the state includes
 * @param stateJson the state serialised with JSON-B
 * @param timestamp when the snapshot was taken
 */
public record AggregateSnapshot(String aggregateId, String aggregateType, long aggregateVersion, String stateJson,
        Instant timestamp) {

    public AggregateSnapshot {
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(stateJson, "stateJson");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
