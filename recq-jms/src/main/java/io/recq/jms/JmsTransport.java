package io.recq.jms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;

import io.recq.api.RecqException;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.runtime.RecqResources;
import io.recq.cdi.runtime.RecqRuntime;
import io.recq.cdi.runtime.RuntimeStart;
import io.recq.cdi.service.ServiceRegistry;
import io.recq.cdi.spi.CommandProcessor;
import io.recq.cdi.spi.QueryProcessor;
import io.recq.cdi.spi.TransportUnavailableException;
import io.recq.cdi.telemetry.RecqTelemetry;
import io.recq.cdi.telemetry.Telemetry;
import io.recq.jms.command.CommandConsumer;
import io.recq.jms.command.CommandTransactions;
import io.recq.jms.query.QueryConsumer;
import io.recq.jms.reply.ReplyChannel;

/**
 * The transport of one deployment: the container resources it uses (connection factory, managed threads,
 * scheduler, transactions, all from {@link RecqResources}), the reply channel, and the consumer threads,
 * started with the runtime ({@link RuntimeStart}, once per deployment, at deployment in a WAR as in an EAR)
 * and stopped, waiting for them, when it is undeployed.
 */
@ApplicationScoped
public class JmsTransport {

    private static final Logger LOG = Logger.getLogger(JmsTransport.class.getName());

    /** Gauge: consumer threads alive on this node, by kind ({@code recq.consumer.kind}). */
    static final String THREADS_ALIVE = "recq.consumer.threads.alive";
    /** Gauge: the depth of the service's dead-letter queue. */
    static final String DEAD_LETTERS = "recq.commands.dead_letters";
    /** The most dead letters counted for the gauge: a browse of the queue at each collection stays bounded. */
    static final int DEAD_LETTERS_COUNTED = 10_000;

    private JmsConfig config;
    private RecqRuntime runtime;
    private RecqResources resources;
    private Instance<CommandProcessor> commandProcessors;
    private Instance<QueryProcessor> queryProcessors;
    private CommandTransactions commandTransactions;
    private ServiceRegistry registry;
    private RecqTelemetry telemetry;

    private final AtomicReference<Future<?>> brokerProbe = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    private final List<ConsumerLoop> consumers = new ArrayList<>();
    private volatile boolean stopped;
    private volatile RuntimeException startFailure;
    private ConnectionFactory connectionFactory;
    private ThreadFactory threads;
    private ScheduledExecutorService scheduler;
    private UserTransaction userTransaction;
    private TransactionSynchronizationRegistry transactions;
    private ReplyChannel replies;
    private ScheduledFuture<?> supervisor;
    /**
     * Runs the readiness probes of the broker on a thread of the deployment's own: a probe is asked for by the
     * server's health endpoint, whose context a managed executor would capture (Payara refuses to run a task in
     * the context of its health endpoint's module).
     */
    private java.util.concurrent.ThreadPoolExecutor probes;
    private final AtomicLong consumerRestarts = new AtomicLong();
    private AutoCloseable metrics;

    protected JmsTransport() {
        // for the proxy
    }

    @Inject
    public JmsTransport(JmsConfig config, RecqRuntime runtime, RecqResources resources,
            Instance<CommandProcessor> commandProcessors, Instance<QueryProcessor> queryProcessors,
            CommandTransactions commandTransactions, ServiceRegistry registry, RecqTelemetry telemetry) {
        this.registry = registry;
        this.telemetry = telemetry;
        this.config = config;
        this.runtime = runtime;
        this.resources = resources;
        this.commandProcessors = commandProcessors;
        this.queryProcessors = queryProcessors;
        this.commandTransactions = commandTransactions;
    }

    void start(@Observes RuntimeStart start) {
        synchronized (this) {
            if (started.get()) {
                return;
            }
            try {
                doStart();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            } finally {
                started.set(true);
            }
        }
    }

    /**
     * Starts the runtime, and so the transport, if that has not happened yet: a gateway may be used before the
     * application's start reaches the runtime (in another bean's {@code @Initialized} observer).
     *
     * @throws RecqException when the transport could not start or is stopped
     */
    public void ensureStarted() {
        if (stopped) {
            throw unavailable("the deployment is stopping");
        }
        if (!started.get()) {
            runtime.start();
        }
        if (startFailure != null) {
            throw startFailure;
        }
        if (!started.get()) {
            throw unavailable("the transport has not started");
        }
    }

    private void doStart() {
        boolean eachEvent = config.eventTopicCarriesEvents(); // a wrong value fails the start, not each commit
        connectionFactory = resources.resource(JmsConfig.CONNECTION_FACTORY, ConnectionFactory.class,
                JmsConfig.DEFAULT_CONNECTION_FACTORIES);
        config.brokerOf(connectionFactory);
        threads = resources.threadFactory();
        scheduler = resources.scheduledExecutor();
        userTransaction = resources.userTransaction();
        transactions = resources.transactionSynchronizationRegistry();

        probes = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = threads.newThread(runnable);
                    thread.setName("recq-broker-probe");
                    return thread;
                });
        probes.prestartCoreThread(); // created here, in the application's context
        replies = new ReplyChannel(connectionFactory, scheduler, config.receiveTimeout());
        replies.start(threads, Duration.ofSeconds(10));

        String service = registry.serviceName();
        subscribe(service);
        if (config.deadLetterQueue().isEmpty()) {
            // looked up here, where the application's naming context is: the container's threads may lack it
            try {
                Queue deadLetters = (Queue) new InitialContext().lookup(RecqDestinations.DEAD_LETTERS);
                destinations.put(RecqDestinations.DEAD_LETTERS, deadLetters);
                registry.deadLetterQueue(deadLetters.getQueueName());
            } catch (NamingException | ClassCastException | JMSException e) {
                String queue = config.serviceDeadLetterQueue(service);
                config.deadLetterQueueFallback(queue);
                LOG.info(() -> "RECQ keeps the commands of " + service + " that cannot be handled in the broker's "
                        + "queue " + queue + ": the server did not define " + RecqDestinations.DEAD_LETTERS + " ("
                        + e + "). Set " + JmsConfig.DEAD_LETTER_QUEUE + " to use another queue");
            }
        }
        config.deadLetterQueue().ifPresent(registry::deadLetterQueue);
        int commandThreads = 0;
        if (!runtime.model().commandHandlers().isEmpty()) {
            if (commandProcessors.isResolvable()) {
                CommandProcessor processor = commandProcessors.get();
                for (int i = 1; i <= config.commandConsumers(); i++) {
                    consumers.add(new CommandConsumer("recq-command-consumer-" + i, this, processor,
                            commandTransactions));
                    commandThreads++;
                }
            } else {
                LOG.warning("RECQ found command handlers but no command runtime (CommandProcessor): this node "
                        + "does not consume commands. Fix: deploy the RECQ event store (recq-jpa-store)");
            }
        }
        int queryThreads = 0;
        if (!runtime.model().queryHandlers().isEmpty() && queryProcessors.isResolvable()) {
            QueryProcessor processor = queryProcessors.get();
            for (int i = 1; i <= config.queryConsumers(); i++) {
                consumers.add(new QueryConsumer("recq-query-consumer-" + i, this, processor));
                queryThreads++;
            }
        }
        consumers.forEach(loop -> loop.gate(registry::isReady));
        consumers.forEach(loop -> loop.start(threads));
        supervisor = scheduler.scheduleWithFixedDelay(this::restartEndedConsumers, 5, 5, TimeUnit.SECONDS);
        observe(telemetry.get());
        int c = commandThreads;
        int q = queryThreads;
        LOG.info(() -> "RECQ JMS transport of the service " + service + " started on " + connectionFactoryName()
                + ": " + c + " command and " + q + " query consumer threads on " + config.commandDestination(service)
                + " and " + config.queryDestination(service) + ", events on " + config.eventTopic()
                + (eachEvent ? " (each event)" : " (one announcement per transaction)") + ", dead letters on "
                + deadLetterName());
    }

    /**
     * @return the deployment's telemetry
     */
    public Telemetry telemetry() {
        return telemetry.get();
    }

    /**
     * Registers the gauges of this node's JMS consumer threads and of the service's dead-letter queue.
     */
    private void observe(Telemetry reporting) {
        if (!reporting.enabled()) {
            return;
        }
        metrics = reporting.observe(List.of(
                new Telemetry.Gauge(THREADS_ALIVE, "{thread}", "Consumer threads of this node that are alive"),
                new Telemetry.Gauge(DEAD_LETTERS, "{message}", "Commands in the service's dead-letter queue (counted "
                        + "up to " + DEAD_LETTERS_COUNTED + ")")),
                recorder -> {
                    long commands = 0;
                    long queries = 0;
                    for (ConsumerLoop loop : consumers()) {
                        if (!loop.ended()) {
                            if (loop instanceof QueryConsumer) {
                                queries++;
                            } else {
                                commands++;
                            }
                        }
                    }
                    recorder.record(THREADS_ALIVE, commands, "recq.consumer.kind", "command");
                    recorder.record(THREADS_ALIVE, queries, "recq.consumer.kind", "query");
                    try {
                        recorder.record(DEAD_LETTERS, deadLetterDepth(), "messaging.destination.name",
                                deadLetterName());
                    } catch (RuntimeException e) {
                        // the broker is out of reach: no value this time, the threads' are still reported
                        LOG.log(Level.FINE, e, () -> "RECQ cannot count the dead letters of " + deadLetterName());
                    }
                });
    }

    private long deadLetterDepth() {
        long count = 0;
        try (JMSContext context = connectionFactory.createContext();
                QueueBrowser browser = context.createBrowser(deadLetterQueue(context))) {
            for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements()
                    && count < DEAD_LETTERS_COUNTED; messages.nextElement()) {
                count++;
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + deadLetterName() + ": " + e, e);
        }
        return count;
    }

    /**
     * Creates the service's durable command subscription when it handles commands, before the service is
     * routed to: a command sent while its consumers are not yet receiving (the service is not ready) waits in it.
     */
    private void subscribe(String service) {
        if (runtime.model().commandHandlers().isEmpty() || config.commandConsumers() == 0) {
            return;
        }
        String name = config.commandDestination(service);
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            context.createSharedDurableConsumer(commandTopic(context, service), name).close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "RECQ cannot create the command subscription " + name + " yet; its "
                    + "consumers create it when the broker can be reached: " + e);
        }
    }

    /**
     * Gives a new thread to a consumer whose thread ended: a consumer survives every failure of a message,
     * so this only happens when the thread itself was ended from outside.
     */
    private void restartEndedConsumers() {
        if (stopped) {
            return;
        }
        for (ConsumerLoop loop : consumers()) {
            if (loop.ended() && !stopped) {
                LOG.severe(() -> "RECQ consumer thread " + loop + " ended; it is started again");
                consumerRestarts.incrementAndGet();
                loop.start(threads);
            }
        }
    }

    /**
     * @return how often a consumer thread that had ended was started again
     */
    public long consumerRestarts() {
        return consumerRestarts.get();
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (metrics != null) {
            try {
                metrics.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, e, () -> "RECQ could not unregister its transport metrics");
            }
        }
        if (supervisor != null) {
            supervisor.cancel(false);
        }
        if (probes != null) {
            probes.shutdownNow();
        }
        consumers.forEach(ConsumerLoop::requestStop);
        Duration wait = config.receiveTimeout().plusSeconds(10);
        for (ConsumerLoop loop : consumers) {
            if (!loop.awaitStop(wait)) {
                LOG.warning(() -> loop + " did not stop within " + wait.toMillis() + " ms");
            }
        }
        consumers.clear();
        if (replies != null) {
            replies.stop();
        }
        LOG.fine("RECQ JMS transport stopped");
    }

    /**
     * Sends one message.
     *
     * <p>When the calling thread runs in a JTA transaction, the message joins it if {@code joinTransaction}
     * (it leaves when the transaction commits, and never if it rolls back); otherwise it is sent at once from
     * another thread, outside the transaction.
     *
     * @param destinationName the physical destination name
     * @param topic whether the destination is a topic
     * @param body the JSON body
     * @param writer sets properties and headers of the message
     * @param deliveryMode {@link jakarta.jms.DeliveryMode}
     * @param timeToLive milliseconds, 0 for unlimited
     * @param joinTransaction whether a transaction of the caller is joined
     */
    public void send(String destinationName, boolean topic, String body, MessageWriter writer, int deliveryMode,
            long timeToLive, boolean joinTransaction) {
        if (inTransaction() && !joinTransaction) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(
                    () -> doSend(destinationName, topic, body, writer, deliveryMode, timeToLive), scheduler);
            try {
                sent.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("interrupted while sending");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new RecqException(String.valueOf(e), e);
            }
        } else {
            doSend(destinationName, topic, body, writer, deliveryMode, timeToLive);
        }
    }

    private void doSend(String destinationName, boolean topic, String body, MessageWriter writer,
            int deliveryMode, long timeToLive) {
        try (JMSContext context = connectionFactory.createContext()) {
            TextMessage message = context.createTextMessage(body);
            writer.write(message);
            Producers.of(context, deliveryMode, timeToLive, 0)
                    .send(destination(context, destinationName, topic), message);
        } catch (JMSException e) {
            throw unavailable("cannot send to " + destinationName + ": " + e, e);
        } catch (RuntimeException e) {
            if (e instanceof RecqException) {
                throw e;
            }
            throw unavailable("cannot send to " + destinationName + ": " + e, e);
        }
    }

    /**
     * Fills in a message.
     */
    @FunctionalInterface
    public interface MessageWriter {

        /**
         * @param message the message to fill in
         * @throws JMSException when a property cannot be set
         */
        void write(TextMessage message) throws JMSException;
    }

    /**
     * @param context a context
     * @param name a physical destination name
     * @param topic whether it is a topic
     * @return the destination (looked up once, then cached)
     */
    public Destination destination(JMSContext context, String name, boolean topic) {
        String key = (topic ? "topic:" : "queue:") + name;
        Destination known = destinations.get(key);
        if (known != null) {
            return known;
        }
        Destination created = topic ? context.createTopic(name) : context.createQueue(name);
        destinations.putIfAbsent(key, created);
        return created;
    }

    /**
     * @return the name of this deployment's service
     */
    public String service() {
        return registry.serviceName();
    }

    /**
     * @param payloadName a command's logical name
     * @return the running service that handles it
     * @throws io.recq.api.HandlerNotFoundException when none does (an outbox command then waits for the next sweep)
     */
    public String route(String payloadName) {
        return registry.route(false, payloadName).orElseThrow(() -> new io.recq.api.HandlerNotFoundException(
                ErrorCode.HANDLER_NOT_FOUND.code() + " no running service handles the command " + payloadName
                        + ". Fix: deploy the service that handles it; the command waits for it in the outbox"));
    }

    /**
     * @param context a context
     * @param service a service's name
     * @return the topic that service's commands travel on
     */
    public Topic commandTopic(JMSContext context, String service) {
        return (Topic) destination(context, config.commandDestination(service), true);
    }

    /**
     * @param context a context
     * @param service a service's name
     * @return the topic that service's queries travel on
     */
    public Topic queryTopic(JMSContext context, String service) {
        return (Topic) destination(context, config.queryDestination(service), true);
    }

    /**
     * @param context a context
     * @return the event topic
     */
    public Topic eventTopic(JMSContext context) {
        return (Topic) destination(context, config.eventTopic(), true);
    }

    /**
     * @param context a context
     * @return the dead-letter queue
     */
    public Queue deadLetterQueue(JMSContext context) {
        Optional<String> configured = config.deadLetterQueue();
        if (configured.isPresent()) {
            return (Queue) destination(context, configured.get(), false);
        }
        Destination known = destinations.get(RecqDestinations.DEAD_LETTERS);
        if (known == null) {
            try {
                known = (Queue) new InitialContext().lookup(RecqDestinations.DEAD_LETTERS);
            } catch (NamingException | ClassCastException e) {
                throw unavailable("the dead-letter queue " + RecqDestinations.DEAD_LETTERS + " cannot be found ("
                        + e + "); set " + JmsConfig.DEAD_LETTER_QUEUE + " to the name of a queue of the broker", e);
            }
            destinations.putIfAbsent(RecqDestinations.DEAD_LETTERS, known);
        }
        return (Queue) known;
    }

    /**
     * @return the dead-letter queue's name, for messages: its physical name, or the JNDI name of the
     *         deployment's own
     */
    public String deadLetterName() {
        return config.deadLetterQueue().orElse(RecqDestinations.DEAD_LETTERS);
    }

    /**
     * @return whether the calling thread runs in an active JTA transaction
     */
    public boolean inTransaction() {
        return transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE;
    }

    /**
     * Marks the calling thread's transaction for rollback: something the transaction promised (a command
     * written to the outbox) could not be done.
     */
    public void setRollbackOnly() {
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.setRollbackOnly();
        }
    }

    /**
     * The value bound to {@code key} in the calling thread's transaction, created (and its completion
     * registered) on first use: one value per transaction, for work done once after it ends.
     *
     * @param key the key, unique to the caller
     * @param create makes the value and registers what happens at completion
     * @param <T> the value's type
     * @return the transaction's value
     */
    @SuppressWarnings("unchecked")
    public <T> T transactionResource(Object key, Function<TransactionSynchronizationRegistry, T> create) {
        Object known = transactions.getResource(key);
        if (known == null) {
            known = create.apply(transactions);
            transactions.putResource(key, known);
        }
        return (T) known;
    }

    /**
     * Calls {@code onRollback} if the calling thread's transaction does not commit.
     *
     * @param onRollback what to do
     */
    public void afterRollback(Consumer<Integer> onRollback) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    onRollback.accept(status);
                }
            }
        });
    }

    /**
     * @param reason what is wrong
     * @return the exception callers receive while the broker cannot be used
     */
    public RecqException unavailable(String reason) {
        return unavailable(reason, null);
    }

    /**
     * @param reason what is wrong
     * @param cause the broker's failure, kept so that it can be told transient ({@code TransientFailures})
     * @return the exception callers receive while the broker cannot be used
     */
    public RecqException unavailable(String reason, Throwable cause) {
        return new TransportUnavailableException(ErrorCode.TRANSPORT_UNAVAILABLE.code() + " the RECQ JMS transport "
                + "cannot be used: " + reason + ". Fix: check that the message broker behind "
                + connectionFactoryName() + " is running and the RECQ destinations exist", cause);
    }

    public JmsConfig config() {
        return config;
    }

    public RecqRuntime runtime() {
        return runtime;
    }

    /**
     * Runs a probe of the broker (readiness) unless one is still waiting for its answer, whose future is then
     * returned: a broker that answers slowly must not pile up a probe per readiness call on the scheduler.
     *
     * @param probe what asks the broker
     * @return the future of the running probe
     */
    public Future<?> probeBroker(Callable<?> probe) {
        synchronized (brokerProbe) {
            Future<?> running = brokerProbe.get();
            if (running != null && !running.isDone()) {
                return running;
            }
            Future<?> next = (probes != null ? probes : scheduler()).submit(probe);
            brokerProbe.set(next);
            return next;
        }
    }

    /**
     * @return the JNDI name of the connection factory in use (before the start: the one it will try first)
     */
    public String connectionFactoryName() {
        return resources.nameOf(JmsConfig.CONNECTION_FACTORY, JmsConfig.DEFAULT_CONNECTION_FACTORIES);
    }

    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public UserTransaction userTransaction() {
        return userTransaction;
    }

    public ReplyChannel replies() {
        return replies;
    }

    /**
     * @return whether the transport has started
     */
    public boolean isStarted() {
        return started.get() && startFailure == null && !stopped;
    }

    /**
     * @return the consumer threads and whether each runs
     */
    public List<ConsumerLoop> consumers() {
        return List.copyOf(consumers);
    }

    /**
     * @return why the transport could not start, or {@code null}
     */
    public RuntimeException startFailure() {
        return startFailure;
    }
}
