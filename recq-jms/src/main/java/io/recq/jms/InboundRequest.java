package io.recq.jms;

import java.time.Instant;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.cdi.model.ErrorCode;

/**
 * A command or query message as a consumer reads it, before its payload is read.
 *
 * @param messageId the request's id (also the reply's correlation id)
 * @param payloadName the payload's logical name
 * @param json the payload's JSON
 * @param routingKey the routing key, or {@code null}
 * @param metadata the metadata
 * @param timestamp when it was sent
 * @param deadline when the caller stops waiting, epoch milliseconds, or 0 for never
 * @param deliveryCount the delivery count, 1 for the first delivery
 * @param replyTo where the reply goes, or {@code null}
 */
public record InboundRequest(String messageId, String payloadName, String json, String routingKey,
        Metadata metadata, Instant timestamp, long deadline, int deliveryCount, Destination replyTo) {

    /**
     * @param now the current time, epoch milliseconds
     * @return whether the caller has stopped waiting
     */
    public boolean expired(long now) {
        return deadline > 0 && now >= deadline;
    }

    /**
     * The parts of a message that can be read whatever its content: where to reply, under which id.
     *
     * @param messageId the request's id, or {@code null}
     * @param replyTo where the reply goes, or {@code null}
     * @param deadline the deadline, or 0
     * @param deliveryCount the delivery count
     * @param traceParent the sender's W3C trace context, or {@code null}
     * @param traceState the W3C trace state that goes with it, or {@code null}
     */
    public record Envelope(String messageId, Destination replyTo, long deadline, int deliveryCount,
            String traceParent, String traceState) {

        /**
         * @param message a received message
         * @return its envelope (never fails)
         */
        public static Envelope of(Message message) {
            String id = null;
            Destination replyTo = null;
            long deadline = 0;
            int deliveries = 1;
            try {
                id = message.getJMSCorrelationID();
                if (id == null) {
                    id = message.getStringProperty(MessageFormat.MESSAGE_ID);
                }
            } catch (JMSException | RuntimeException e) {
                // stays null
            }
            try {
                replyTo = message.getJMSReplyTo();
            } catch (JMSException | RuntimeException e) {
                // stays null
            }
            try {
                if (message.propertyExists(MessageFormat.DEADLINE)) {
                    deadline = message.getLongProperty(MessageFormat.DEADLINE);
                }
            } catch (JMSException | RuntimeException e) {
                // no deadline
            }
            String traceParent = null;
            String traceState = null;
            try {
                traceParent = message.getStringProperty(MessageFormat.TRACE_PARENT);
                traceState = message.getStringProperty(MessageFormat.TRACE_STATE);
            } catch (JMSException | RuntimeException e) {
                // not traced
            }
            try {
                if (message.propertyExists(MessageFormat.DELIVERY_COUNT)) {
                    deliveries = message.getIntProperty(MessageFormat.DELIVERY_COUNT);
                }
            } catch (JMSException | RuntimeException e) {
                // first delivery
            }
            return new Envelope(id, replyTo, deadline, deliveries, traceParent, traceState);
        }

        /**
         * @param now the current time, epoch milliseconds
         * @return whether the caller has stopped waiting
         */
        public boolean expired(long now) {
            return deadline > 0 && now >= deadline;
        }
    }

    /**
     * Reads a request message.
     *
     * @param message the received message
     * @param envelope its envelope
     * @param maxPayloadBytes the largest accepted body, in bytes
     * @return the request
     * @throws InvalidPayloadException when the message is not a RECQ request that can be read
     */
    public static InboundRequest read(Message message, Envelope envelope, int maxPayloadBytes) {
        try {
            if (!(message instanceof TextMessage text)) {
                throw unreadable("the message is a " + message.getClass().getSimpleName()
                        + ", not a TextMessage with a JSON body");
            }
            if (message.propertyExists(MessageFormat.FORMAT)) {
                String format = message.getStringProperty(MessageFormat.FORMAT);
                if (!String.valueOf(MessageFormat.VERSION).equals(format)) {
                    throw unreadable("the message is written in version " + format + " of the wire format, and this "
                            + "service reads version " + MessageFormat.VERSION);
                }
            }
            String payloadName = message.getStringProperty(MessageFormat.PAYLOAD);
            if (payloadName == null || payloadName.isBlank()) {
                throw unreadable("the message has no " + MessageFormat.PAYLOAD + " property naming its payload");
            }
            String messageId = message.getStringProperty(MessageFormat.MESSAGE_ID);
            if (messageId == null || messageId.isBlank()) {
                throw unreadable("the message has no " + MessageFormat.MESSAGE_ID + " property");
            }
            String json = text.getText();
            if (json == null) {
                throw unreadable("the message for '" + payloadName + "' has no body");
            }
            if ((long) json.length() > maxPayloadBytes
                    || json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxPayloadBytes) {
                throw unreadable("the payload '" + payloadName + "' is over the limit of " + maxPayloadBytes
                        + " bytes");
            }
            Metadata metadata;
            try {
                metadata = MessageFormat.readTraceContext(message,
                        MessageFormat.readMetadata(message.getStringProperty(MessageFormat.METADATA)));
            } catch (IllegalArgumentException e) {
                throw unreadable("the " + MessageFormat.METADATA + " property is malformed: " + e.getMessage());
            }
            long sent = message.propertyExists(MessageFormat.TIMESTAMP)
                    ? message.getLongProperty(MessageFormat.TIMESTAMP) : message.getJMSTimestamp();
            return new InboundRequest(messageId, payloadName, json,
                    message.getStringProperty(MessageFormat.ROUTING_KEY), metadata,
                    sent > 0 ? Instant.ofEpochMilli(sent) : Instant.now(), envelope.deadline(),
                    envelope.deliveryCount(), envelope.replyTo());
        } catch (JMSException | RuntimeException e) {
            if (e instanceof InvalidPayloadException invalid) {
                throw invalid;
            }
            throw unreadable("its properties cannot be read: " + e);
        }
    }

    private static InvalidPayloadException unreadable(String found) {
        return new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " a received message cannot be "
                + "read: " + found + ". Fix: send RECQ messages through the CommandGateway or QueryGateway");
    }
}
