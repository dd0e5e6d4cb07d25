package io.recq.cdi.command.aggregate;

/**
 * One aggregate instance as loaded: its id, the version of its last event (0 when it has none) and its
 * state after that event.
 *
 * @param aggregateId the aggregate id
 * @param version the version of the last event applied; 0 for an instance that does not exist yet
 * @param state the state, or {@code null} when no event-sourcing handler created one
 */
public record AggregateInstance(String aggregateId, long version, Object state) {

    /**
     * @param aggregateId an aggregate id
     * @return an instance with no event
     */
    public static AggregateInstance none(String aggregateId) {
        return new AggregateInstance(aggregateId, 0, null);
    }

    /**
     * @return whether the instance exists: an init command has produced at least one event
     */
    public boolean exists() {
        return version > 0;
    }
}
