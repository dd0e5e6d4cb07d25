package io.recq.jpa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.api.CommandGateway;
import io.recq.api.Metadata;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.StoredEvent;
import io.recq.jms.MessageFormat;

/**
 * What a subscriber of the event topic ({@code recq.events}) receives, in WildFly with its embedded broker, by
 * default ({@code recq.jms.event-topic-content=head}): one message without a body for each transaction that
 * stored events, naming the highest sequence stored and how many events were; never the events themselves.
 * {@link EventTopicEventsIT} covers {@code events}.
 *
 * <p>In-container assertions use JUnit's own {@code Assertions}: AssertJ is not packaged.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
class EventTopicIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static WebArchive deployment() {
        return StoreArchives.war("recq-event-topic-it", EventTopicIT.class, Faults.class)
                .addClasses(Faults.class.getDeclaredClasses());
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
    void announcesTheEventsOfATransactionInOneMessageWithTheHighestSequence() throws Exception {
        try (JMSContext context = connectionFactory.createContext();
                JMSConsumer subscriber = context.createConsumer(context.createTopic(jmsConfig.eventTopic()))) {
            // given
            String tally = "topic-" + UUID.randomUUID();
            commandGateway.sendAndWait(new Faults.OpenTally(tally), Metadata.empty(), WAIT);

            // when: one command stores two events in one transaction
            commandGateway.sendAndWait(new Faults.AddTwice(tally, 2, 3), Metadata.empty(), WAIT);

            // then
            List<StoredEvent> stored = eventStore.load(tally, 0);
            assertEquals(3, stored.size());
            List<Message> received = receiveUpTo(subscriber, stored.get(2).sequence());
            Message last = received.get(received.size() - 1);
            assertEquals(stored.get(2).sequence(), last.getLongProperty(MessageFormat.SEQUENCE));
            assertEquals(2, last.getIntProperty(MessageFormat.EVENT_COUNT));
            Message opened = received.stream().filter(m -> sequence(m) == stored.get(0).sequence()).findFirst()
                    .orElseThrow(() -> new AssertionError("the first command's event was not announced"));
            assertEquals(1, opened.getIntProperty(MessageFormat.EVENT_COUNT));
            for (Message message : received) {
                assertFalse(message.propertyExists(MessageFormat.PAYLOAD), "an event was published as a message");
                assertFalse(message instanceof TextMessage, "an announcement has no body");
            }
        }
    }

    /**
     * @param subscriber a subscriber of the event topic
     * @param sequence a stored event's sequence
     * @return the messages received up to the one that announces {@code sequence} (or a later one), in order
     * @throws JMSException when a property cannot be read
     */
    static List<Message> receiveUpTo(JMSConsumer subscriber, long sequence) throws JMSException {
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = subscriber.receive(1000);
            if (message != null) {
                received.add(message);
                if (sequence(message) >= sequence) {
                    return received;
                }
            }
        }
        return fail("no message on the event topic announced sequence " + sequence + " within " + WAIT
                + "; received " + received.size());
    }

    static long sequence(Message message) {
        try {
            return message.getLongProperty(MessageFormat.SEQUENCE);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
