package io.recq.cdi.spi;

import java.lang.reflect.Type;
import java.time.Duration;

import io.recq.api.Metadata;
import io.recq.api.Query;

/**
 * A query on its way to its handler, checked and serialised by the gateway.
 *
 * @param messageId a unique id of this message
 * @param query the query
 * @param payloadName the query's logical name
 * @param json the query serialised with JSON-B
 * @param answerType the query's declared answer type
 * @param metadata the metadata, correlation included
 * @param timeout how long the caller waits
 * @param service the service that handles it: this deployment's own, or another running service's
 */
public record QueryRequest(String messageId, Query<?> query, String payloadName, String json, Type answerType,
        Metadata metadata, Duration timeout, String service) {
}
