package io.recq.cdi.command.aggregate;

import java.util.Objects;

import io.recq.api.AggregateState;

/**
 * One aggregate instance as loaded from the store: its id, its version (the number of its events, 0 when
 * it does not exist yet) and its state (as rebuilt from a snapshot and the events after it).
 *
 * @param aggregateId the aggregate id
 * @param version the number of events of this instance; 0 when it has none, that is when it does not exist
 * @param state the state built by the event-sourcing handlers; {@code null} while the instance does not
 *        exist, or when the aggregate declares no state type
 */
public record AggregateInstance(String aggregateId, long version, Object state) {

    public AggregateInstance {
        Objects.requireNonNull(aggregateId, "aggregateId");
        if (version < 0) {
            throw new IllegalArgumentException("An aggregate version is 0 or more, got " + version);
        }
    }

    /**
     * @param aggregateId the aggregate id
     * @return an instance that has no event yet
     */
    public static AggregateInstance absent(String aggregateId) {
        return new AggregateInstance(aggregateId, 0, null);
    }

    /**
     * @return whether the instance exists: it has at least one event
     */
    public boolean exists() {
        return version > 0;
    }

    /**
     * @return whether the instance exists and its state says it is deleted
     */
    public boolean isDeleted() {
        return exists() && state instanceof AggregateState s && s.isDeleted();
    }
}
