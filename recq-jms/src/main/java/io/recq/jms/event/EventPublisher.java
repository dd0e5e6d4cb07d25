package io.recq.jms.event;

import java.util.List;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import io.recq.cdi.spi.StoredEvent;
import io.recq.jms.MessageFormat;
import io.recq.jms.Producers;

/**
 * Publishes stored events on the event topic, in the transaction of the context it is given, so that
 * subscribers hear of an event only once it is committed. One message per event, in order; non-persistent,
 * because the store is the durable record and subscribers that miss a message read the store.
 */
public final class EventPublisher {

    private EventPublisher() {
    }

    /**
     * @param context the consuming context (enlisted in the consuming transaction)
     * @param topic the event topic
     * @param events the events, in order
     * @throws JMSException when a message cannot be written
     */
    public static void publish(JMSContext context, Topic topic, List<StoredEvent> events) throws JMSException {
        if (events.isEmpty()) {
            return;
        }
        JMSProducer producer = Producers.of(context, DeliveryMode.NON_PERSISTENT, 0, 0);
        for (StoredEvent event : events) {
            producer.send(topic, toMessage(context, event));
        }
    }

    /**
     * @param context a context
     * @param event a stored event
     * @return its message
     * @throws JMSException when a property cannot be set
     */
    public static TextMessage toMessage(JMSContext context, StoredEvent event) throws JMSException {
        TextMessage message = context.createTextMessage(event.json());
        message.setStringProperty(MessageFormat.PAYLOAD, event.payloadName());
        message.setStringProperty(MessageFormat.MESSAGE_ID, Long.toString(event.sequence()));
        message.setLongProperty(MessageFormat.SEQUENCE, event.sequence());
        if (event.aggregateId() != null) {
            message.setStringProperty(MessageFormat.AGGREGATE_ID, event.aggregateId());
        }
        message.setLongProperty(MessageFormat.AGGREGATE_VERSION, event.aggregateVersion());
        message.setStringProperty(MessageFormat.CONTEXT, event.context());
        message.setStringProperty(MessageFormat.METADATA, MessageFormat.writeMetadata(event.metadata()));
        if (event.timestamp() != null) {
            message.setLongProperty(MessageFormat.TIMESTAMP, event.timestamp().toEpochMilli());
        }
        return message;
    }
}
