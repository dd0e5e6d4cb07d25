package io.recq.cdi.event;

import java.time.Instant;

import io.recq.api.Event;
import io.recq.api.EventMessage;
import io.recq.api.Metadata;

/**
 * A stored event with its envelope, as handlers receive it.
 *
 * @param sequence the global sequence
 * @param aggregateId the producing aggregate's id, or {@code null}
 * @param aggregateVersion the aggregate's version after the event, or 0
 * @param context the event's context
 * @param timestamp when it was stored
 * @param metadata its metadata
 * @param payload the event
 * @param <E> the event type
 */
public record StoredEventMessage<E extends Event>(long sequence, String aggregateId, long aggregateVersion,
        String context, Instant timestamp, Metadata metadata, E payload) implements EventMessage<E> {

    /**
     * @return the id handlers' frames use for this event, so that what a handler sends names it as its cause
     */
    public String messageId() {
        return messageId(sequence);
    }

    /**
     * @param sequence a global sequence
     * @return {@code event-<sequence>}
     */
    public static String messageId(long sequence) {
        return "event-" + sequence;
    }
}
