package io.recq.jms.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;

import io.recq.api.Catalog;
import io.recq.api.DeadCommandQueue;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.Metadata;
import io.recq.api.RecqException;
import io.recq.jms.JmsTransport;
import io.recq.jms.MessageFormat;
import io.recq.jms.Producers;

/**
 * The {@link DeadCommandQueue} on the transport's dead-letter queue ({@code recq.jms.dead-letter-queue}):
 * entries are read with a queue browser, found with a selector on the command's message id, and retried or
 * deleted by consuming the message in a JTA transaction of the broker, which, for a retry, also sends the
 * command back to the command queue: both happen, or neither.
 *
 * <p>The work runs on the container's scheduled executor, outside any transaction of the caller, so that it
 * neither joins nor disturbs one; each transaction opens its own JMS context, as the consumers do.
 */
@ApplicationScoped
public class JmsDeadCommandQueue implements DeadCommandQueue {

    /** Properties of a dead letter that do not travel back with a retried command. */
    private static final List<String> DEAD_LETTER_PROPERTIES = List.of(MessageFormat.DEAD_REASON,
            MessageFormat.DEAD_ORIGIN, MessageFormat.DEAD_TRIES, MessageFormat.DEADLINE, MessageFormat.FAILURES);
    private static final long RECEIVE_TIMEOUT_MS = 2_000;

    private JmsTransport transport;
    private Instance<Catalog> catalogs;
    /** Another service whose queue this is, or {@code null} for this deployment's own. */
    private String service;
    /** The broker's name of that service's dead-letter queue. */
    private String queueName;

    protected JmsDeadCommandQueue() {
        // for the proxy
    }

    @Inject
    public JmsDeadCommandQueue(JmsTransport transport, Instance<Catalog> catalogs) {
        this.transport = transport;
        this.catalogs = catalogs;
    }

    private JmsDeadCommandQueue(JmsTransport transport, String service, String queueName) {
        this.transport = transport;
        this.service = service;
        this.queueName = queueName;
    }

    @Override
    public DeadCommandQueue service(String name) {
        if (name == null || name.equals(service == null ? transport.service() : service)) {
            return this;
        }
        if (catalogs == null || catalogs.isUnsatisfied()) {
            throw new HandlerNotFoundException("RECQ cannot reach the dead commands of the service " + name + ": this "
                    + "deployment has no catalog. Fix: add recq-jpa-store to the deployment");
        }
        Catalog.ServiceEntry entry = catalogs.get().service(name).orElseThrow(() -> new HandlerNotFoundException(
                "RECQ knows no running service " + name + ". Fix: name one that Catalog.services() lists"));
        String queue = entry.instances().stream().map(Catalog.InstanceEntry::deadLetterQueue)
                .filter(q -> q != null && !q.isBlank()).findFirst()
                .orElseThrow(() -> new HandlerNotFoundException("the service " + name + " has not said where its dead "
                        + "commands are kept (it has no dead-letter queue, or it runs a RECQ without this catalog "
                        + "column). Fix: look again after its next heartbeat"));
        return new JmsDeadCommandQueue(transport, name, queue);
    }

    @Override
    public List<Entry> list(int max) {
        if (max <= 0) {
            return List.of();
        }
        return call(() -> browse(null, max));
    }

    @Override
    public Optional<Entry> find(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            return Optional.empty();
        }
        return call(() -> browse(selector(messageId), 1)).stream().findFirst();
    }

    @Override
    public boolean retry(String messageId) {
        return take(messageId, true);
    }

    @Override
    public boolean delete(String messageId) {
        return take(messageId, false);
    }

    private List<Entry> browse(String selector, int max) throws JMSException {
        List<Entry> entries = new ArrayList<>();
        try (JMSContext context = transport.connectionFactory().createContext();
                QueueBrowser browser = context.createBrowser(queue(context), selector)) {
            for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements()
                    && entries.size() < max;) {
                entries.add(entry((Message) messages.nextElement()));
            }
        }
        return entries;
    }

    private Queue queue(JMSContext context) {
        return queueName == null ? transport.deadLetterQueue(context) : context.createQueue(queueName);
    }

    /**
     * Consumes the dead letter of {@code messageId}, sending its command again first when asked to, in one
     * transaction of the broker.
     */
    private boolean take(String messageId, boolean resend) {
        if (messageId == null || messageId.isBlank()) {
            return false;
        }
        return call(() -> {
            UserTransaction transaction = transport.userTransaction();
            transaction.begin();
            boolean committed = false;
            try (JMSContext context = transport.connectionFactory().createContext();
                    JMSConsumer consumer = context.createConsumer(queue(context), selector(messageId))) {
                Message dead = consumer.receive(RECEIVE_TIMEOUT_MS);
                if (dead != null && resend) {
                    Producers.of(context, DeliveryMode.PERSISTENT, 0, 0)
                            .send(transport.commandTopic(context, service == null ? transport.service() : service),
                                    command(context, dead));
                }
                transaction.commit();
                committed = true;
                return dead != null;
            } finally {
                if (!committed) {
                    rollback(transaction);
                }
            }
        });
    }

    /**
     * The command of a dead letter as it was sent: same body, id, metadata and routing key (its message
     * group); without a reply-to, since nobody waits for it.
     */
    private static TextMessage command(JMSContext context, Message dead) throws JMSException {
        TextMessage command = context.createTextMessage(dead instanceof TextMessage text ? text.getText() : null);
        for (Enumeration<?> names = dead.getPropertyNames(); names.hasMoreElements();) {
            String name = (String) names.nextElement();
            if (MessageFormat.isApplicationProperty(name) && !DEAD_LETTER_PROPERTIES.contains(name)) {
                command.setObjectProperty(name, dead.getObjectProperty(name));
            }
        }
        String routingKey = dead.getStringProperty(MessageFormat.ROUTING_KEY);
        if (routingKey != null) {
            command.setStringProperty(MessageFormat.GROUP_ID, routingKey);
        }
        if (dead.getJMSCorrelationID() != null) {
            command.setJMSCorrelationID(dead.getJMSCorrelationID());
        }
        return command;
    }

    /**
     * @param message a dead letter
     * @return its entry; a property that cannot be read is left empty
     */
    static Entry entry(Message message) throws JMSException {
        Metadata metadata;
        try {
            metadata = MessageFormat.readMetadata(message.getStringProperty(MessageFormat.METADATA));
        } catch (IllegalArgumentException e) {
            metadata = Metadata.empty();
        }
        int tries = message.propertyExists(MessageFormat.DEAD_TRIES)
                ? message.getIntProperty(MessageFormat.DEAD_TRIES) : 0;
        Instant sentAt = message.propertyExists(MessageFormat.TIMESTAMP)
                ? Instant.ofEpochMilli(message.getLongProperty(MessageFormat.TIMESTAMP)) : null;
        Instant deadSince = message.getJMSTimestamp() > 0 ? Instant.ofEpochMilli(message.getJMSTimestamp()) : null;
        String messageId = message.getStringProperty(MessageFormat.MESSAGE_ID);
        return new Entry(messageId != null ? messageId : message.getJMSCorrelationID(),
                message.getStringProperty(MessageFormat.PAYLOAD), message.getStringProperty(MessageFormat.ROUTING_KEY),
                metadata, message instanceof TextMessage text ? text.getText() : null,
                message.getStringProperty(MessageFormat.DEAD_REASON), tries, sentAt, deadSince);
    }

    /**
     * @param messageId a command's message id
     * @return a JMS selector matching exactly that id (quotes doubled, as the selector syntax wants)
     */
    static String selector(String messageId) {
        return MessageFormat.MESSAGE_ID + " = '" + messageId.replace("'", "''") + "'";
    }

    private static void rollback(UserTransaction transaction) {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            // the transaction is gone with the failure that brought us here
        }
    }

    /**
     * Runs {@code work} on the container's scheduled executor, outside any transaction of the caller.
     */
    private <T> T call(Callable<T> work) {
        transport.ensureStarted();
        Future<T> result = transport.scheduler().submit(work);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw transport.unavailable("interrupted while reading " + transport.deadLetterName(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RecqException recq) {
                throw recq;
            }
            throw transport.unavailable("cannot use " + transport.deadLetterName() + ": " + cause, cause);
        }
    }
}
