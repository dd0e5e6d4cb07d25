package io.recq.jpa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.api.CommandGateway;
import io.recq.api.Metadata;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.StoredEvent;
import io.recq.jms.MessageFormat;

/**
 * With {@code recq.jms.event-topic-content=events}, a subscriber of the event topic receives each stored event
 * as a message of its own, in order: its JSON, payload name, sequence and aggregate. The default is covered by
 * {@link EventTopicIT}.
 *
 * <p>In-container assertions use JUnit's own {@code Assertions}: AssertJ is not packaged.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
class EventTopicEventsIT {

    @Deployment
    static WebArchive deployment() {
        return StoreArchives.war("recq-event-topic-events-it", EventTopicEventsIT.class, EventTopicIT.class,
                Faults.class)
                .addClasses(Faults.class.getDeclaredClasses())
                .addAsResource(new StringAsset("recq.jms.event-topic-content=events\n"),
                        "META-INF/microprofile-config.properties");
    }

    @Inject
    CommandGateway commandGateway;

    @Inject
    EventStore eventStore;

    /** The names the transport gives its destinations on this broker. */
    @Inject
    io.recq.jms.JmsConfig jmsConfig;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Test
    void publishesEachEventWithItsJsonWhenConfiguredTo() throws Exception {
        try (JMSContext context = connectionFactory.createContext();
                JMSConsumer subscriber = context.createConsumer(context.createTopic(jmsConfig.eventTopic()))) {
            // given
            String tally = "topic-events-" + UUID.randomUUID();
            commandGateway.sendAndWait(new Faults.OpenTally(tally), Metadata.empty(), EventTopicIT.WAIT);

            // when: one command stores two events in one transaction
            commandGateway.sendAndWait(new Faults.AddTwice(tally, 2, 3), Metadata.empty(), EventTopicIT.WAIT);

            // then: the two events, in order, each with its JSON
            List<StoredEvent> stored = eventStore.load(tally, 0);
            assertEquals(3, stored.size());
            List<Message> received = EventTopicIT.receiveUpTo(subscriber, stored.get(2).sequence());
            assertTrue(received.size() >= 2, "fewer than two messages: " + received);
            for (int i = 1; i <= 2; i++) {
                StoredEvent event = stored.get(i);
                Message message = received.get(received.size() - 3 + i);
                TextMessage text = assertInstanceOf(TextMessage.class, message);
                assertEquals(event.sequence(), message.getLongProperty(MessageFormat.SEQUENCE));
                assertEquals("Added", message.getStringProperty(MessageFormat.PAYLOAD));
                assertEquals(tally, message.getStringProperty(MessageFormat.AGGREGATE_ID));
                assertEquals(event.aggregateVersion(), message.getLongProperty(MessageFormat.AGGREGATE_VERSION));
                assertEquals(event.json(), text.getText());
            }
        }
    }
}
