package io.recq.test;

import java.time.Instant;

import io.recq.api.Event;
import io.recq.api.EventMessage;
import io.recq.api.Metadata;

/**
 * The envelope of an event a fixture publishes to a handler.
 */
record FixtureEventMessage<E extends Event>(long sequence, String aggregateId, long aggregateVersion, String context,
        Instant timestamp, Metadata metadata, E payload) implements EventMessage<E> {
}
