package io.recq.jms.event;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import io.recq.cdi.spi.EventFeed;
import io.recq.jms.ConsumerLoop;
import io.recq.jms.JmsConfig;
import io.recq.jms.JmsTransport;
import io.recq.jms.MessageFormat;

/**
 * The {@link EventFeed} of a node: one non-durable subscriber of the event topic, on a managed thread, that
 * tells the node's event consumers the highest sequence each burst of messages announced. The messages carry
 * no obligation: a consumer reads the events from the store, and polls it when the feed is silent.
 */
@ApplicationScoped
public class JmsEventFeed implements EventFeed {

    private static final Logger LOG = Logger.getLogger(JmsEventFeed.class.getName());

    private JmsTransport transport;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private Subscriber subscriber;

    protected JmsEventFeed() {
        // for the proxy
    }

    @Inject
    public JmsEventFeed(JmsTransport transport) {
        this.transport = transport;
    }

    @Override
    public synchronized AutoCloseable subscribe(LongConsumer newHead) {
        listeners.add(newHead);
        if (subscriber == null) {
            Subscriber started = new Subscriber();
            started.start(threads());
            subscriber = started;
        }
        return () -> listeners.remove(newHead);
    }

    @PreDestroy
    synchronized void stop() {
        if (subscriber != null) {
            subscriber.requestStop();
            subscriber.awaitStop(transport.config().receiveTimeout().plusSeconds(5));
            subscriber = null;
        }
        listeners.clear();
    }

    private ThreadFactory threads() {
        String name = transport.config().threadFactory();
        try {
            return (ThreadFactory) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("RECQ cannot find the ManagedThreadFactory " + name + " for the event "
                    + "feed. Fix: set " + JmsConfig.THREAD_FACTORY + " to the JNDI name of one", e);
        }
    }

    private void announce(long head) {
        for (LongConsumer listener : listeners) {
            try {
                listener.accept(head);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "RECQ event feed listener failed");
            }
        }
    }

    /** The subscriber thread. */
    private final class Subscriber extends ConsumerLoop {

        private JMSContext context;
        private JMSConsumer consumer;

        Subscriber() {
            super("recq-event-feed");
        }

        @Override
        protected void poll() throws JMSException {
            if (context == null) {
                // a broker that is away at start only delays the subscription: the loop backs off and retries
                transport.ensureStarted();
                context = transport.connectionFactory().createContext(JMSContext.DUPS_OK_ACKNOWLEDGE);
                consumer = context.createConsumer(transport.eventTopic(context));
                // events may have been published while the subscriber was away: let consumers read the store
                announce(Long.MAX_VALUE);
            }
            Duration wait = transport.config().receiveTimeout();
            Message message = consumer.receive(wait.toMillis());
            if (message == null) {
                return;
            }
            long head = sequence(message);
            for (Message more = consumer.receiveNoWait(); more != null; more = consumer.receiveNoWait()) {
                head = Math.max(head, sequence(more));
            }
            announce(head);
        }

        private long sequence(Message message) throws JMSException {
            return message.propertyExists(MessageFormat.SEQUENCE) ? message.getLongProperty(MessageFormat.SEQUENCE)
                    : Long.MAX_VALUE;
        }

        @Override
        protected void disconnect() {
            if (context != null) {
                try {
                    context.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, e, () -> "RECQ event feed: closing its connection failed");
                }
                context = null;
                consumer = null;
            }
        }
    }
}
