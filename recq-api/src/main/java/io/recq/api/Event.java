package io.recq.api;

/**
 * Something that happened. Events are stored in the event store, in a global order, and delivered to
 * the projectors, sagas and observers that handle them.
 */
public interface Event extends Payload {

    /**
     * The stream partition this event belongs to. Projectors subscribe to contexts
     * ({@link Projector#contexts()}) and receive the events of each context in global order.
     *
     * @return the context of this event; {@code "default"} unless overridden
     */
    default String context() {
        return "default";
    }
}
