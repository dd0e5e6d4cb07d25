package io.recq.api;

import java.time.Instant;

/**
 * A stored event with its envelope, as received by event handlers that declare a parameter of this type.
 *
 * @param <E> the type of the event
 */
public interface EventMessage<E extends Event> {

    /**
     * @return the event's position in the global order of the event store (starting at 1)
     */
    long sequence();

    /**
     * @return the id of the aggregate that produced the event, or {@code null} for a service event
     */
    String aggregateId();

    /**
     * @return the version of the aggregate instance after this event (1 for its first event), or 0 for a
     *         service event
     */
    long aggregateVersion();

    /**
     * @return the stream partition of the event ({@link Event#context()})
     */
    String context();

    /**
     * @return when the event was stored
     */
    Instant timestamp();

    /**
     * @return the event's metadata, including that of the command that produced it
     */
    Metadata metadata();

    /**
     * @return the event itself
     */
    E payload();
}
