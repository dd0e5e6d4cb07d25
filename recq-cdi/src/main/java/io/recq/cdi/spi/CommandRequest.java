package io.recq.cdi.spi;

import java.time.Duration;

import io.recq.api.Command;
import io.recq.api.Metadata;

/**
 * A command on its way to its handler, checked and serialised by the gateway.
 *
 * @param messageId a unique id of this message
 * @param command the command
 * @param payloadName the command's logical name
 * @param json the command serialised with JSON-B
 * @param routingKey the aggregate id or service lock id that serialises handling, or {@code null}
 * @param metadata the metadata, correlation included
 * @param timeout how long the caller waits
 * @param service the service that handles it: this deployment's own, or another running service's
 */
public record CommandRequest(String messageId, Command command, String payloadName, String json, String routingKey,
        Metadata metadata, Duration timeout, String service) {
}
