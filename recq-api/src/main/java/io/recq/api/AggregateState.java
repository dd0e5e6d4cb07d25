package io.recq.api;

/**
 * The state of one aggregate instance, rebuilt from its events by {@link EventSourcingHandler}s and
 * stored in snapshots. Subclasses must be JSON-B serialisable (a public no-argument constructor with
 * getters and setters, or public fields).
 *
 * <p>A deleted aggregate instance rejects every later command with {@link AggregateDeletedException}.
 */
public abstract class AggregateState {

    private boolean deleted;

    /**
     * @return whether this aggregate instance has been deleted
     */
    public boolean isDeleted() {
        return deleted;
    }

    /**
     * Marks this aggregate instance deleted (or not); set it in the event-sourcing handler of the event
     * that deletes the instance.
     *
     * @param deleted whether the instance is deleted
     */
    public void setDeleted(boolean deleted) {
        this.deleted = deleted;
    }
}
