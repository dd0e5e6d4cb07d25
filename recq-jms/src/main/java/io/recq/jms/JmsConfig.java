package io.recq.jms;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.recq.cdi.runtime.RecqConfig;

/**
 * The transport's MicroProfile Config keys, with their defaults. Every key is listed in
 * {@code recq-jms/README-config.md}.
 */
@ApplicationScoped
public class JmsConfig {

    /**
     * JNDI name of the JMS connection factory. Unset: the server's default ({@code java:comp/DefaultJMSConnectionFactory},
     * on WildFly the pooled XA factory) where the runtime's start sees it (a WAR), else
     * WildFly's global name of its default factory ({@link RecqDestinations#SERVER_CONNECTION_FACTORY}; RECQ in
     * {@code EAR/lib}, where {@code java:comp} is not visible at the application's start).
     */
    public static final String CONNECTION_FACTORY = "recq.jms.connection-factory";
    /**
     * First part of the names of the topics commands travel on: the commands of service {@code S} go to the
     * topic {@code <prefix>.S}, which the service consumes through a shared durable subscription of that name.
     */
    public static final String COMMAND_DESTINATION = "recq.jms.command-destination";
    /**
     * First part of the names of the topics queries travel on: {@code <prefix>.S} for service {@code S}, consumed
     * through a shared non-durable subscription of that name.
     */
    public static final String QUERY_DESTINATION = "recq.jms.query-destination";
    /** Physical name of the topic stored events are published on. */
    public static final String EVENT_TOPIC = "recq.jms.event-topic";
    /**
     * What the event topic carries for each transaction that stored events: {@code head} (one message naming the
     * highest sequence stored, enough for RECQ's consumers, which read the store) or {@code events} (one message
     * per event, with its JSON, for subscribers outside RECQ).
     */
    public static final String EVENT_TOPIC_CONTENT = "recq.jms.event-topic-content";
    /**
     * Physical name of the queue unreadable or repeatedly failing commands are moved to; unset, a queue of the
     * deployment's own ({@link RecqDestinations#DEAD_LETTERS}).
     */
    public static final String DEAD_LETTER_QUEUE = "recq.jms.dead-letter-queue";
    /**
     * How RECQ spells the names of its topics and queues: {@code dotted} ({@code recq.commands.<service>}, as
     * Artemis names addresses), {@code plain} (letters, digits and {@code _} only: {@code recq_commands_<service>},
     * which every broker accepts, Open MQ among them) or {@code auto} (the default: dotted on an ActiveMQ Artemis
     * connection factory, plain on any other).
     */
    public static final String DESTINATION_NAMES = "recq.jms.destination-names";
    /**
     * Consumer threads on the command subscription per deployment; unset, 4 on an ActiveMQ Artemis connection
     * factory and 1 on any other (see {@link #brokerOf}).
     */
    public static final String COMMAND_CONSUMERS = "recq.command.consumers";
    /**
     * Whether a command sent by an invoker to a handler of this deployment runs in this JVM, without a broker
     * round trip, when this node consumes commands.
     */
    public static final String COMMAND_LOCAL_DISPATCH = "recq.command.local-dispatch";
    /** Lanes that run the commands handled in this JVM, one transaction (a batch) at a time each. */
    public static final String COMMAND_LOCAL_LANES = "recq.command.local-lanes";
    /** Aggregate instances each local lane keeps between its transactions; 0 keeps none. */
    public static final String COMMAND_AGGREGATE_CACHE_SIZE = "recq.command.aggregate-cache-size";
    /** Consumer threads on the query subscription per deployment; unset, as {@link #COMMAND_CONSUMERS}. */
    public static final String QUERY_CONSUMERS = "recq.query.consumers";
    /** Tries of a command that fails permanently before it is moved to the dead-letter queue. */
    public static final String COMMAND_MAX_DELIVERIES = "recq.command.max-deliveries";
    /** Most commands one consumer transaction takes when they are already waiting. */
    public static final String COMMAND_BATCH_SIZE = "recq.command.batch-size";
    /** How often each node forwards the outbox's commands that their own node did not forward, in milliseconds. */
    public static final String OUTBOX_SWEEP_INTERVAL_MS = "recq.command.outbox-sweep-interval-ms";
    /** How old an outbox command must be before a sweep forwards it, in milliseconds. */
    public static final String OUTBOX_GRACE_MS = "recq.command.outbox-grace-ms";
    /** First delay before a command that failed transiently is tried again, in milliseconds; it doubles. */
    public static final String COMMAND_RETRY_DELAY_MS = "recq.command.retry-delay-ms";
    /** First delay before a command that failed permanently is tried again, in milliseconds; it doubles. */
    public static final String COMMAND_FAILURE_RETRY_DELAY_MS = "recq.command.failure-retry-delay-ms";
    /** Longest delay between two tries of a failing command, in milliseconds. */
    public static final String COMMAND_RETRY_MAX_DELAY_MS = "recq.command.retry-max-delay-ms";
    /** Timeout of the transaction that holds received commands until their outcome is acknowledged, in seconds. */
    public static final String COMMAND_HOLD_TIMEOUT_S = "recq.command.hold-timeout-s";
    /** How long a consumer waits in one receive, in milliseconds: bounds how quickly it stops. */
    public static final String RECEIVE_TIMEOUT_MS = "recq.jms.receive-timeout-ms";
    /** How long the readiness check waits for the broker, in milliseconds. */
    public static final String HEALTH_TIMEOUT_MS = "recq.jms.health-timeout-ms";

    /** The connection factories tried, in order, when {@link #CONNECTION_FACTORY} is not configured. */
    public static final List<String> DEFAULT_CONNECTION_FACTORIES = List.of("java:comp/DefaultJMSConnectionFactory",
            RecqDestinations.SERVER_CONNECTION_FACTORY);

    private static final String DEAD_LETTER_FALLBACK = DEAD_LETTER_QUEUE + "#fallback";
    /** Whether the transport's broker groups a subscription's messages (Artemis): set by {@link #brokerOf}. */
    private static final String GROUPING_BROKER = "broker#groups";

    private RecqConfig config;
    private final Map<String, Object> values = new ConcurrentHashMap<>();

    protected JmsConfig() {
        // for the proxy
    }

    @Inject
    public JmsConfig(RecqConfig config) {
        this.config = config;
    }

    /**
     * @param service a service's name
     * @return the topic its commands travel on, also the name of its subscription
     */
    public String commandDestination(String service) {
        return qualified(once(COMMAND_DESTINATION,
                () -> config.getString(COMMAND_DESTINATION, RecqDestinations.COMMANDS)), service);
    }

    /**
     * @param service a service's name
     * @return the topic its queries travel on, also the name of its subscription
     */
    public String queryDestination(String service) {
        return qualified(once(QUERY_DESTINATION, () -> config.getString(QUERY_DESTINATION, RecqDestinations.QUERIES)),
                service);
    }

    public String eventTopic() {
        String name = once(EVENT_TOPIC, () -> config.getString(EVENT_TOPIC, RecqDestinations.EVENTS));
        return plainNames() ? plain(name) : name;
    }

    /**
     * @param service a service's name
     * @return the queue its dead commands go to when the deployment's own ({@link RecqDestinations#DEAD_LETTERS})
     *         is not defined (a server that does not process RECQ's destination definition)
     */
    public String serviceDeadLetterQueue(String service) {
        return qualified(RecqDestinations.SERVICE_DEAD_LETTERS, service);
    }

    /**
     * Chooses what depends on the broker, from the connection factory the transport uses; called once at the
     * transport's start, before any name or consumer count is used:
     * <ul>
     * <li>the spelling of destination names for {@code auto} (see {@link #DESTINATION_NAMES});</li>
     * <li>how many consumers share each subscription when {@link #COMMAND_CONSUMERS} and {@link #QUERY_CONSUMERS}
     * are not set: 4 on Artemis, which groups a subscription's messages ({@code JMSXGroupID}) so that one consumer
     * takes the commands of one aggregate in order; 1 on any other broker. Open MQ, Payara's default, has no
     * groups, and in its embedded (direct) mode a consumer that loses a message it was woken for to another
     * consumer of the same subscription retries by recursion, on the receiving thread, until the message
     * arrives or the stack overflows ({@code SessionListener.getNextConsumerPacket}); one consumer per
     * subscription takes the messages in order and never competes.</li>
     * </ul>
     *
     * @param connectionFactory the transport's connection factory
     */
    public void brokerOf(Object connectionFactory) {
        boolean artemis = connectionFactory != null
                && connectionFactory.getClass().getName().toLowerCase(java.util.Locale.ROOT).contains("activemq");
        String style = config.getString(DESTINATION_NAMES, "auto").trim();
        boolean plain = switch (style) {
            case "dotted" -> false;
            case "plain" -> true;
            case "auto" -> !artemis;
            default -> throw new IllegalArgumentException("RECQ configuration " + DESTINATION_NAMES
                    + " must be auto, dotted or plain, got '" + style + "'. Fix: correct the value in your "
                    + "MicroProfile Config source");
        };
        values.put(DESTINATION_NAMES, plain);
        values.put(GROUPING_BROKER, artemis);
    }

    /** @return the consumers a subscription gets by default: several where the broker groups messages */
    private int defaultConsumers() {
        return Boolean.FALSE.equals(values.get(GROUPING_BROKER)) ? 1 : 4;
    }

    private boolean plainNames() {
        return Boolean.TRUE.equals(values.get(DESTINATION_NAMES));
    }

    private String qualified(String prefix, String service) {
        return plainNames() ? plain(prefix + "_" + service) : prefix + "." + service;
    }

    /**
     * @param name a destination name
     * @return it with every character other than an ASCII letter, a digit or {@code _} replaced by {@code _}
     */
    static String plain(String name) {
        StringBuilder plain = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            plain.append(kept ? c : '_');
        }
        return plain.toString();
    }

    /**
     * @return whether the event topic carries each event ({@code events}) rather than one notification per
     *         transaction ({@code head}, the default)
     */
    public boolean eventTopicCarriesEvents() {
        return once(EVENT_TOPIC_CONTENT, () -> {
            String content = config.getString(EVENT_TOPIC_CONTENT, "head").trim();
            return switch (content) {
                case "head" -> false;
                case "events" -> true;
                default -> throw new IllegalArgumentException("RECQ configuration " + EVENT_TOPIC_CONTENT
                        + " must be head or events, got '" + content + "'. Fix: correct the value in your "
                        + "MicroProfile Config source");
            };
        });
    }

    /**
     * @return the configured physical name of the dead-letter queue, or empty for the deployment's own
     */
    @SuppressWarnings("unchecked")
    public java.util.Optional<String> deadLetterQueue() {
        java.util.Optional<String> fallback = (java.util.Optional<String>) values.get(DEAD_LETTER_FALLBACK);
        java.util.Optional<String> configured = once(DEAD_LETTER_QUEUE,
                () -> java.util.Optional.ofNullable(config.getString(DEAD_LETTER_QUEUE, null))
                        .filter(name -> !name.isBlank()));
        return configured.isPresent() || fallback == null ? configured : fallback;
    }

    /**
     * Makes a queue of the broker the dead-letter queue when the deployment's own cannot be found and none is
     * configured.
     *
     * @param name the queue's physical name
     */
    public void deadLetterQueueFallback(String name) {
        values.put(DEAD_LETTER_FALLBACK, java.util.Optional.of(name));
    }

    public int commandConsumers() {
        return atLeast(COMMAND_CONSUMERS, config.getInt(COMMAND_CONSUMERS, defaultConsumers()), 0);
    }

    public boolean commandLocalDispatch() {
        return once(COMMAND_LOCAL_DISPATCH, () -> config.getBoolean(COMMAND_LOCAL_DISPATCH, true));
    }

    public int commandLocalLanes() {
        return once(COMMAND_LOCAL_LANES, () -> atLeast(COMMAND_LOCAL_LANES, config.getInt(COMMAND_LOCAL_LANES, 4), 1));
    }

    public int commandAggregateCacheSize() {
        return once(COMMAND_AGGREGATE_CACHE_SIZE,
                () -> atLeast(COMMAND_AGGREGATE_CACHE_SIZE, config.getInt(COMMAND_AGGREGATE_CACHE_SIZE, 1024), 0));
    }

    public int queryConsumers() {
        return atLeast(QUERY_CONSUMERS, config.getInt(QUERY_CONSUMERS, defaultConsumers()), 0);
    }

    public int commandMaxDeliveries() {
        return once(COMMAND_MAX_DELIVERIES,
                () -> atLeast(COMMAND_MAX_DELIVERIES, config.getInt(COMMAND_MAX_DELIVERIES, 5), 1));
    }

    public int commandBatchSize() {
        return once(COMMAND_BATCH_SIZE, () -> atLeast(COMMAND_BATCH_SIZE, config.getInt(COMMAND_BATCH_SIZE, 8), 1));
    }

    public Duration outboxSweepInterval() {
        return Duration.ofMillis(atLeast(OUTBOX_SWEEP_INTERVAL_MS, config.getLong(OUTBOX_SWEEP_INTERVAL_MS, 2000), 0));
    }

    public Duration outboxGrace() {
        return Duration.ofMillis(atLeast(OUTBOX_GRACE_MS, config.getLong(OUTBOX_GRACE_MS, 5000), 0));
    }

    public Duration commandRetryDelay() {
        return once(COMMAND_RETRY_DELAY_MS, () -> Duration.ofMillis(
                atLeast(COMMAND_RETRY_DELAY_MS, config.getLong(COMMAND_RETRY_DELAY_MS, 100), 1)));
    }

    public Duration commandFailureRetryDelay() {
        return once(COMMAND_FAILURE_RETRY_DELAY_MS, () -> Duration.ofMillis(
                atLeast(COMMAND_FAILURE_RETRY_DELAY_MS, config.getLong(COMMAND_FAILURE_RETRY_DELAY_MS, 250), 0)));
    }

    public Duration commandRetryMaxDelay() {
        return once(COMMAND_RETRY_MAX_DELAY_MS, () -> Duration.ofMillis(
                atLeast(COMMAND_RETRY_MAX_DELAY_MS, config.getLong(COMMAND_RETRY_MAX_DELAY_MS, 5000), 1)));
    }

    public int commandHoldTimeoutSeconds() {
        return once(COMMAND_HOLD_TIMEOUT_S,
                () -> atLeast(COMMAND_HOLD_TIMEOUT_S, config.getInt(COMMAND_HOLD_TIMEOUT_S, 3600), 1));
    }

    public Duration receiveTimeout() {
        return once(RECEIVE_TIMEOUT_MS,
                () -> Duration.ofMillis(atLeast(RECEIVE_TIMEOUT_MS, config.getLong(RECEIVE_TIMEOUT_MS, 1000), 10)));
    }

    public Duration healthTimeout() {
        return Duration.ofMillis(atLeast(HEALTH_TIMEOUT_MS, config.getLong(HEALTH_TIMEOUT_MS, 2000), 1));
    }

    public int maxPayloadBytes() {
        return once("recq.payload.max-bytes", config::maxPayloadBytes);
    }

    /**
     * The transport reads these values for every message: each is read from the configuration once per
     * deployment (like the consumer counts, which only take effect at start).
     */
    @SuppressWarnings("unchecked")
    private <T> T once(String key, Supplier<T> read) {
        Object known = values.get(key);
        if (known == null) {
            known = read.get();
            values.putIfAbsent(key, known);
        }
        return (T) known;
    }

    private static <T extends Number> T atLeast(String key, T value, long minimum) {
        if (value.longValue() < minimum) {
            throw new IllegalArgumentException("RECQ configuration " + key + " must be at least " + minimum
                    + ", got " + value + ". Fix: correct the value in your MicroProfile Config source");
        }
        return value;
    }
}
