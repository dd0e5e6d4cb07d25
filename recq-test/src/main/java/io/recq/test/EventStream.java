package io.recq.test;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.recq.api.Event;
import io.recq.api.Metadata;

/**
 * Numbers the events a fixture publishes as the event store would: a global sequence from 1, and a version
 * per aggregate instance for events published with an aggregate id.
 */
final class EventStream {

    private final Map<String, Long> versions = new HashMap<>();
    private long sequence;

    <E extends Event> FixtureEventMessage<E> next(E event, String aggregateId, Metadata metadata, Clock clock) {
        long version = aggregateId == null ? 0 : versions.merge(aggregateId, 1L, Long::sum);
        return new FixtureEventMessage<>(++sequence, aggregateId, version, event.context(), clock.instant(),
                metadata == null ? Metadata.empty() : metadata, event);
    }
}
