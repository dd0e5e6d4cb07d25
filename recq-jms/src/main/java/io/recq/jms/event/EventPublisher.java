package io.recq.jms.event;

import java.util.List;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import io.recq.cdi.spi.StoredEvent;
import io.recq.jms.MessageFormat;
import io.recq.jms.Producers;

/**
 * Announces stored events on the event topic, in the transaction of the context it is given (or after the
 * store's commit), so that subscribers hear of an event only once it is committed. Non-persistent, because the
 * store is the durable record and subscribers that miss a message read the store.
 *
 * <p>By default one message announces all the events of a transaction: it has no body, and
 * {@value MessageFormat#SEQUENCE} is the highest sequence stored, {@value MessageFormat#EVENT_COUNT} how many
 * events were. That is all RECQ's consumers use. With {@value io.recq.jms.JmsConfig#EVENT_TOPIC_CONTENT}
 * {@code = events} each event is a message of its own, in order, its JSON the body, for subscribers outside
 * RECQ.
 */
public final class EventPublisher {

    private EventPublisher() {
    }

    /**
     * @param context the context to send in (a consumer's is enlisted in the consuming transaction)
     * @param topic the event topic
     * @param events the events one transaction stored, in order
     * @param eachEvent whether each event is a message of its own, rather than one message announcing them all
     * @throws JMSException when a message cannot be written
     */
    public static void publish(JMSContext context, Topic topic, List<StoredEvent> events, boolean eachEvent)
            throws JMSException {
        if (events.isEmpty()) {
            return;
        }
        JMSProducer producer = Producers.of(context, DeliveryMode.NON_PERSISTENT, 0, 0);
        if (!eachEvent) {
            producer.send(topic, toAnnouncement(context, events));
            return;
        }
        for (StoredEvent event : events) {
            producer.send(topic, toMessage(context, event));
        }
    }

    /**
     * @param context a context
     * @param events stored events, at least one
     * @return the message announcing them: the highest sequence and the count
     * @throws JMSException when a property cannot be set
     */
    public static Message toAnnouncement(JMSContext context, List<StoredEvent> events) throws JMSException {
        long head = Long.MIN_VALUE;
        for (StoredEvent event : events) {
            head = Math.max(head, event.sequence());
        }
        Message message = context.createMessage();
        message.setIntProperty(MessageFormat.FORMAT, MessageFormat.VERSION);
        message.setLongProperty(MessageFormat.SEQUENCE, head);
        message.setIntProperty(MessageFormat.EVENT_COUNT, events.size());
        return message;
    }

    /**
     * @param context a context
     * @param event a stored event
     * @return its message
     * @throws JMSException when a property cannot be set
     */
    public static TextMessage toMessage(JMSContext context, StoredEvent event) throws JMSException {
        TextMessage message = context.createTextMessage(event.json());
        message.setIntProperty(MessageFormat.FORMAT, MessageFormat.VERSION);
        message.setStringProperty(MessageFormat.PAYLOAD, event.payloadName());
        message.setStringProperty(MessageFormat.MESSAGE_ID, Long.toString(event.sequence()));
        message.setLongProperty(MessageFormat.SEQUENCE, event.sequence());
        if (event.aggregateId() != null) {
            message.setStringProperty(MessageFormat.AGGREGATE_ID, event.aggregateId());
        }
        message.setLongProperty(MessageFormat.AGGREGATE_VERSION, event.aggregateVersion());
        message.setStringProperty(MessageFormat.CONTEXT, event.context());
        message.setStringProperty(MessageFormat.METADATA, MessageFormat.writeMetadata(event.metadata()));
        MessageFormat.writeTraceContext(message, event.metadata());
        if (event.timestamp() != null) {
            message.setLongProperty(MessageFormat.TIMESTAMP, event.timestamp().toEpochMilli());
        }
        return message;
    }
}
