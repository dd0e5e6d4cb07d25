package io.recq.cdi.spi;

import java.time.Instant;

import io.recq.api.Command;
import io.recq.api.Metadata;
import io.recq.cdi.serialization.Values;

/**
 * A command as the transport received it, before it is read: the runtime reads the payload only into a
 * registered class.
 *
 * @param messageId the unique id of the command message
 * @param payloadName the logical name of the command
 * @param json the command's JSON
 * @param routingKey the aggregate id or service lock id the transport serialised on, or {@code null}
 * @param metadata the metadata the sender attached
 * @param timestamp when the command was sent
 * @param deliveryCount how often the transport has delivered this message (1 for the first delivery); 0 for a
 *        command on its first try in the JVM whose gateway has just given it its message id, which no store
 *        can hold a record of yet
 * @param value the command as its sender made it, when it is a value ({@link Values#isValue}) handed over in
 *        this JVM, which the runtime then uses instead of reading the JSON; {@code null} otherwise
 */
public record IncomingCommand(String messageId, String payloadName, String json, String routingKey,
        Metadata metadata, Instant timestamp, int deliveryCount, Command value) {

    public IncomingCommand {
        if (value != null && !Values.isValue(value.getClass())) {
            throw new IllegalArgumentException(value.getClass().getName() + " is not a value: its JSON is read");
        }
    }

    /**
     * A command received as JSON.
     */
    public IncomingCommand(String messageId, String payloadName, String json, String routingKey, Metadata metadata,
            Instant timestamp, int deliveryCount) {
        this(messageId, payloadName, json, routingKey, metadata, timestamp, deliveryCount, null);
    }
}
