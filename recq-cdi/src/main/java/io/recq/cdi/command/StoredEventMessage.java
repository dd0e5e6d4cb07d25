package io.recq.cdi.command;

import java.time.Instant;

import io.recq.api.Event;
import io.recq.api.EventMessage;
import io.recq.api.Metadata;
import io.recq.cdi.spi.StoredEvent;

/**
 * A stored event read back into its payload class, with its envelope.
 *
 * @param <E> the payload type
 */
record StoredEventMessage<E extends Event>(long sequence, String aggregateId, long aggregateVersion, String context,
        Instant timestamp, Metadata metadata, E payload) implements EventMessage<E> {

    static <E extends Event> StoredEventMessage<E> of(StoredEvent stored, E payload) {
        return new StoredEventMessage<>(stored.sequence(), stored.aggregateId(), stored.aggregateVersion(),
                stored.context(), stored.timestamp(), stored.metadata(), payload);
    }
}
