package io.recq.cdi.spi;

import java.time.Instant;
import java.util.Objects;

import io.recq.api.Metadata;

/**
 * A command a handler sent inside its transaction, held in the {@link CommandOutbox} until the broker has it.
 *
 * @param messageId the command's message id: the same on every forward, so that the receiving inbox handles
 *        it once however often it is forwarded
 * @param payloadName the command's logical name
 * @param json the command's JSON
 * @param routingKey the aggregate id or service lock id, or {@code null}
 * @param metadata the metadata, correlation included
 * @param createdAt when the sender's transaction wrote it
 */
public record OutgoingCommand(String messageId, String payloadName, String json, String routingKey,
        Metadata metadata, Instant createdAt) {

    public OutgoingCommand {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(payloadName, "payloadName");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(createdAt, "createdAt");
        metadata = metadata == null ? Metadata.empty() : metadata;
    }
}
