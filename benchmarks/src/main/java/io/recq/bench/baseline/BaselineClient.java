package io.recq.bench.baseline;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

/**
 * The baseline's caller side of request/reply: a request is a message with a new correlation id and the
 * application's temporary reply queue; one thread receives the replies and completes the waiting futures.
 * Each send takes a context from the server's pooled connection factory and returns it, outside any
 * transaction.
 */
@ApplicationScoped
public class BaselineClient {

    private static final Logger LOG = Logger.getLogger(BaselineClient.class.getName());

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Resource(lookup = BaselineDestinations.COMMANDS)
    Queue commands;

    @Resource(lookup = BaselineDestinations.QUERIES)
    Queue queries;

    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    private volatile Destination replyTo;
    private volatile boolean running;
    private Thread receiver;

    /**
     * Sends a command.
     *
     * @param type the command type
     * @param json its body
     * @param timeout how long to wait for the reply
     * @return the reply's body (the event), or a failure
     */
    public CompletableFuture<String> command(String type, String json, Duration timeout) {
        return request(commands, type, json, DeliveryMode.PERSISTENT, timeout);
    }

    /**
     * Sends a query.
     *
     * @param type the query type
     * @param json its body
     * @param timeout how long to wait for the answer
     * @return the answer's body, or a failure
     */
    public CompletableFuture<String> query(String type, String json, Duration timeout) {
        return request(queries, type, json, DeliveryMode.NON_PERSISTENT, timeout);
    }

    private CompletableFuture<String> request(Queue queue, String type, String json, int deliveryMode,
            Duration timeout) {
        Destination reply = replyQueue();
        String id = UUID.randomUUID().toString();
        CompletableFuture<String> future = new CompletableFuture<>();
        waiting.put(id, future);
        try (JMSContext context = connectionFactory.createContext()) {
            TextMessage message = context.createTextMessage(json);
            message.setStringProperty(BaselineDestinations.TYPE, type);
            message.setJMSCorrelationID(id);
            message.setJMSReplyTo(reply);
            context.createProducer().setDeliveryMode(deliveryMode).send(queue, message);
        } catch (JMSException | RuntimeException e) {
            waiting.remove(id);
            future.completeExceptionally(e);
            return future;
        }
        return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((value, failure) -> waiting.remove(id));
    }

    private Destination replyQueue() {
        Destination known = replyTo;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (replyTo == null) {
                CountDownLatch connected = new CountDownLatch(1);
                running = true;
                receiver = threads.newThread(() -> receive(connected));
                receiver.setName("bench-baseline-replies");
                receiver.setDaemon(true);
                receiver.start();
                try {
                    if (!connected.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the baseline's reply queue did not open within 10 s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return replyTo;
        }
    }

    private void receive(CountDownLatch connected) {
        try (JMSContext context = connectionFactory.createContext()) {
            Destination queue = context.createTemporaryQueue();
            JMSConsumer consumer = context.createConsumer(queue);
            replyTo = queue;
            connected.countDown();
            while (running) {
                Message message = consumer.receive(500);
                if (message != null) {
                    deliver(message);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The baseline's reply receiver stopped", e);
            replyTo = null;
        }
    }

    private void deliver(Message message) {
        try {
            CompletableFuture<String> future = waiting.remove(message.getJMSCorrelationID());
            if (future == null) {
                return;
            }
            String body = ((TextMessage) message).getText();
            if ("ok".equals(message.getStringProperty(BaselineDestinations.OUTCOME))) {
                future.complete(body);
            } else {
                future.completeExceptionally(new IllegalStateException(body));
            }
        } catch (JMSException e) {
            LOG.log(Level.WARNING, "Unreadable baseline reply", e);
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (receiver != null) {
            try {
                receiver.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
