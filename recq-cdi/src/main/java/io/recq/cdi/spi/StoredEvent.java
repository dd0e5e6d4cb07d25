package io.recq.cdi.spi;

import java.time.Instant;

import io.recq.api.Metadata;

/**
 * An event as the store holds it, with its place in the global order.
 *
 * @param sequence the global sequence (1, 2, 3, ... without gaps, in commit order)
 * @param aggregateId the producing aggregate's id, or {@code null} for a service event
 * @param aggregateVersion the aggregate's version after this event, or 0 for a service event
 * @param payloadName the event's logical name
 * @param json the event's JSON
 * @param context the event's context (stream partition)
 * @param metadata the event's metadata
 * @param timestamp when it was stored
 */
public record StoredEvent(long sequence, String aggregateId, long aggregateVersion, String payloadName, String json,
        String context, Metadata metadata, Instant timestamp) {
}
