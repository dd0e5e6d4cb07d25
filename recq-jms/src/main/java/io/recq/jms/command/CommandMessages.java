package io.recq.jms.command;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

import io.recq.api.Metadata;
import io.recq.jms.JmsTransport;
import io.recq.jms.MessageFormat;

/**
 * Sends command messages: persistent, grouped by routing key ({@code JMSXGroupID}) so that the broker hands
 * all commands of one aggregate (or service lock id) to one consumer at a time, and without a time-to-live:
 * a command never expires on its way; a caller that stops waiting is told its outcome is unknown, and the
 * command still runs, once.
 */
final class CommandMessages {

    private CommandMessages() {
    }

    /**
     * Sends a command outside any transaction of the caller: when this returns, the broker has it.
     *
     * @param transport the transport
     * @param service the service that handles it
     * @param messageId the command's message id
     * @param payloadName its logical name
     * @param json its JSON
     * @param routingKey the aggregate id or lock id, or {@code null}
     * @param metadata its metadata
     * @param sentAt when it was sent, epoch milliseconds
     * @param replyTo where the reply goes, or {@code null} when nobody waits
     * @param deadline when the caller stops waiting, epoch milliseconds (only bounds the reply's life), or 0
     * @param failures how often it has failed permanently so far (0 for a new command)
     */
    static void send(JmsTransport transport, String service, String messageId, String payloadName, String json, String routingKey,
            Metadata metadata, long sentAt, Destination replyTo, long deadline, int failures) {
        transport.send(transport.config().commandDestination(service), true, json, message -> {
            write(message, messageId, payloadName, routingKey, metadata, sentAt, replyTo, deadline);
            if (failures > 0) {
                message.setIntProperty(MessageFormat.FAILURES, failures);
            }
        }, DeliveryMode.PERSISTENT, 0, false);
    }

    private static void write(TextMessage message, String messageId, String payloadName, String routingKey,
            Metadata metadata, long sentAt, Destination replyTo, long deadline) throws JMSException {
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
        message.setJMSCorrelationID(messageId);
        message.setStringProperty(MessageFormat.MESSAGE_ID, messageId);
        message.setIntProperty(MessageFormat.FORMAT, MessageFormat.VERSION);
        message.setStringProperty(MessageFormat.PAYLOAD, payloadName);
        message.setStringProperty(MessageFormat.METADATA, MessageFormat.writeMetadata(metadata));
        MessageFormat.writeTraceContext(message, metadata);
        message.setLongProperty(MessageFormat.TIMESTAMP, sentAt);
        if (replyTo != null && deadline > 0) {
            message.setLongProperty(MessageFormat.DEADLINE, deadline);
        }
        if (routingKey != null) {
            message.setStringProperty(MessageFormat.ROUTING_KEY, routingKey);
            message.setStringProperty(MessageFormat.GROUP_ID, routingKey);
        }
    }
}
