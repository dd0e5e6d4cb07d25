package io.recq.api;

/**
 * Replays a projector from a chosen event, without raising its version: the projector handles every event from
 * that sequence on again, on whichever node takes it next, while the service keeps taking commands. Its
 * handlers must be ready to see an event again (write their rows as "insert or update"), or the read model's
 * rows from that point on must be removed first. Works from any deployment that shares the store, for example an
 * operator's console. Injectable with {@code @Inject}.
 */
public interface ProjectorReplay {

    /**
     * Moves the projector back, so that the next event it handles is {@code fromSequence}. The node that runs it
     * stops its batch in flight (rolled back) and starts again from there within the consumers' lease renewal.
     *
     * @param consumerId the projector's consumer id ({@code Projector:TodoListProjector:v1:*}, as
     *        {@link Catalog#consumers()} lists it)
     * @param fromSequence the first event to handle again: 1 for all, at most the head + 1
     * @return the sequence of the last event it had handled before
     * @throws HandlerNotFoundException when there is no such consumer, or it is not a projector (a saga or an
     *         observer would send its commands or effects a second time)
     * @throws IllegalArgumentException when {@code fromSequence} is below 1 or beyond the head + 1
     */
    long replay(String consumerId, long fromSequence);
}
