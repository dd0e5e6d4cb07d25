package io.recq.cdi.spi;

import java.time.Instant;
import java.util.Objects;

import io.recq.api.Metadata;

/**
 * An event to append, before the store gives it its global sequence.
 *
 * @param aggregateId the producing aggregate's id, or {@code null} for a service event
 * @param aggregateVersion the aggregate's version after this event (1 for the first event of an aggregate),
 *        or 0 for a service event
 * @param payloadName the event's logical name
 * @param json the event's JSON
 * @param context the event's context (stream partition)
 * @param metadata the event's metadata
 * @param timestamp when the event happened
 */
public record NewEvent(String aggregateId, long aggregateVersion, String payloadName, String json, String context,
        Metadata metadata, Instant timestamp) {

    public NewEvent {
        Objects.requireNonNull(payloadName, "payloadName");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(timestamp, "timestamp");
        metadata = metadata == null ? Metadata.empty() : metadata;
        if (aggregateId == null ? aggregateVersion != 0 : aggregateVersion < 1) {
            throw new IllegalArgumentException("an aggregate event needs a version of at least 1 and a service "
                    + "event the version 0; got aggregate id " + aggregateId + " with version " + aggregateVersion);
        }
    }
}
