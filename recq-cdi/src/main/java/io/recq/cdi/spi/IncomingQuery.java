package io.recq.cdi.spi;

import java.time.Instant;

import io.recq.api.Metadata;

/**
 * A query as the transport received it.
 *
 * @param messageId the unique id of the query message
 * @param payloadName the logical name of the query
 * @param json the query's JSON
 * @param metadata the metadata the sender attached
 * @param timestamp when the query was sent
 */
public record IncomingQuery(String messageId, String payloadName, String json, Metadata metadata,
        Instant timestamp) {
}
