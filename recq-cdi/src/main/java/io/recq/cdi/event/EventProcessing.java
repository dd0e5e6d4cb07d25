package io.recq.cdi.event;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import io.recq.api.CommandGateway;
import io.recq.api.QueryGateway;
import io.recq.cdi.event.observer.ObserverConsumer;
import io.recq.cdi.event.projector.ProjectorConsumer;
import io.recq.cdi.event.saga.SagaConsumer;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.runtime.RecqConfig;
import io.recq.cdi.runtime.RecqRuntime;
import io.recq.cdi.spi.ConsumerStore;
import io.recq.cdi.spi.DeadEventStore;
import io.recq.cdi.spi.EventFeed;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.SagaStore;

/**
 * Starts one {@link EventTracker} per projector context, saga and observer of the deployment when the
 * application has started, each on a thread of the server's {@link ManagedThreadFactory}; wakes them when the
 * transport's {@link EventFeed} announces new events; stops them, releasing their leases, when the
 * application is undeployed.
 */
@ApplicationScoped
public class EventProcessing {

    private static final Logger LOG = Logger.getLogger(EventProcessing.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    RecqRuntime runtime;

    @Inject
    RecqConfig config;

    @Inject
    Instance<EventStore> eventStores;

    @Inject
    Instance<ConsumerStore> consumerStores;

    @Inject
    Instance<SagaStore> sagaStores;

    @Inject
    Instance<DeadEventStore> deadEventStores;

    @Inject
    Instance<EventFeed> feeds;

    @Inject
    Instance<Object> beans;

    @Inject
    CommandGateway commandGateway;

    @Inject
    QueryGateway queryGateway;

    /** JNDI name of the transaction of the trackers' threads. */
    static final String USER_TRANSACTION = "java:comp/UserTransaction";
    /** JNDI name of the thread factory the trackers' threads come from. */
    static final String THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";
    /** JNDI name of the executor observers handle a batch's events on. */
    static final String EXECUTOR = "java:comp/DefaultManagedExecutorService";

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Map<Class<?>, Object> components = new ConcurrentHashMap<>();
    private volatile Map<String, EventTracker> trackers = Map.of();
    private volatile EventSettings settings;
    private volatile long headAtStart = -1;
    private volatile AutoCloseable subscription;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        EventSettings current = EventSettings.read(config, defaultNodeId());
        settings = current;
        List<EventConsumer> consumers = consumers(runtime.model());
        if (consumers.isEmpty()) {
            return;
        }
        if (!current.enabled()) {
            LOG.info(() -> "RECQ event consumers are disabled on this node (" + RecqConfig.EVENT_ENABLED + "=false): "
                    + consumers.size() + " consumer(s) run on other nodes");
            return;
        }
        if (eventStores.isUnsatisfied() || consumerStores.isUnsatisfied() || deadEventStores.isUnsatisfied()) {
            LOG.severe(() -> "RECQ cannot start its " + consumers.size() + " event consumer(s): no store is deployed. "
                    + "Fix: add recq-jpa-store to the deployment (EAR/lib or WEB-INF/lib)");
            return;
        }
        try {
            headAtStart = consumerStores.get().head();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "RECQ cannot read the head of the event store at start");
        }
        // looked up when the application starts, on a thread of one of its modules: resource injection into a
        // bean of a library in EAR/lib has no java:comp of its own
        UserTransaction transaction = lookup(USER_TRANSACTION, UserTransaction.class);
        ManagedThreadFactory threadFactory = lookup(THREAD_FACTORY, ManagedThreadFactory.class);
        ManagedExecutorService executor = lookup(EXECUTOR, ManagedExecutorService.class);
        if (transaction == null || threadFactory == null) {
            LOG.severe(() -> "RECQ cannot start its " + consumers.size() + " event consumer(s): " + USER_TRANSACTION
                    + " or " + THREAD_FACTORY + " cannot be found. Fix: deploy to a Jakarta EE 10 server");
            return;
        }
        Map<String, EventTracker> started = new LinkedHashMap<>();
        for (EventConsumer consumer : consumers) {
            EventTracker tracker = new EventTracker(consumer, eventStores.get(), consumerStores.get(),
                    deadEventStores.get(), transaction, current, executor, Clock.systemUTC());
            Thread thread = threadFactory.newThread(tracker);
            thread.setName("recq-" + consumer.id().key());
            thread.setDaemon(true);
            started.put(consumer.id().key(), tracker);
            thread.start();
        }
        trackers = Collections.unmodifiableMap(started);
        if (feeds.isResolvable()) {
            try {
                subscription = feeds.get().subscribe(this::signal);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "RECQ cannot subscribe to the event feed; consumers poll the store "
                        + "every " + current.pollInterval().toMillis() + " ms");
            }
        }
        LOG.info(() -> "RECQ started " + started.size() + " event consumer(s) on node " + current.nodeId() + " ("
                + (subscription != null ? "pushed by the event feed, " : "no event feed, ") + "polled every "
                + current.pollInterval().toMillis() + " ms): " + String.join(", ", started.keySet()));
    }

    private static <T> T lookup(String name, Class<T> type) {
        try {
            return type.cast(new InitialContext().lookup(name));
        } catch (NamingException | ClassCastException e) {
            LOG.log(Level.WARNING, e, () -> "RECQ cannot look up " + name);
            return null;
        }
    }

    /**
     * Wakes every consumer of this node.
     *
     * @param head the announced head of the stream
     */
    public void signal(long head) {
        trackers.values().forEach(t -> t.signal(head));
    }

    void stopEarly(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        stop();
    }

    @PreDestroy
    void stop() {
        if (!started.get() || !stopped.compareAndSet(false, true)) {
            return;
        }
        AutoCloseable feed = subscription;
        if (feed != null) {
            try {
                feed.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, e, () -> "RECQ could not close the event feed subscription");
            }
        }
        trackers.values().forEach(EventTracker::stop);
        for (EventTracker tracker : trackers.values()) {
            if (!tracker.stopAndWait(STOP_TIMEOUT)) {
                LOG.warning(() -> "RECQ " + tracker.consumer() + " did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s; its lease expires on its own");
            }
        }
        if (!trackers.isEmpty()) {
            LOG.info(() -> "RECQ stopped " + trackers.size() + " event consumer(s) and released their leases");
        }
    }

    /**
     * @return the trackers running on this node, by consumer key
     */
    public Map<String, EventTracker> trackers() {
        return trackers;
    }

    /**
     * @param consumerKey a consumer key ({@link ConsumerId#key()})
     * @return the consumer of this deployment with that key, whether or not it runs on this node
     */
    public Optional<EventConsumer> consumer(String consumerKey) {
        EventTracker tracker = trackers.get(consumerKey);
        if (tracker != null) {
            return Optional.of(tracker.consumer());
        }
        return consumers(runtime.model()).stream().filter(c -> c.id().key().equals(consumerKey)).findFirst();
    }

    /**
     * @return the settings in use, or {@code null} before start
     */
    public EventSettings settings() {
        return settings;
    }

    /**
     * @return the head of the event store when this node started its consumers, or -1 when unknown
     */
    public long headAtStart() {
        return headAtStart;
    }

    /**
     * @param model a deployment model
     * @return its event consumers: one per projector context, one per saga, one per observer
     */
    List<EventConsumer> consumers(RecqModel model) {
        EventConsumer.Resources resources = new EventConsumer.Resources(runtime.codec(), this::component,
                commandGateway, queryGateway);
        List<EventConsumer> consumers = new ArrayList<>();
        for (ComponentModel projector : model.components(ComponentKind.PROJECTOR)) {
            Set<String> contexts = new LinkedHashSet<>(projector.contexts());
            if (contexts.isEmpty() || contexts.contains(ConsumerId.ALL_CONTEXTS)) {
                contexts = Set.of(ConsumerId.ALL_CONTEXTS);
            }
            for (String context : contexts) {
                consumers.add(new ProjectorConsumer(projector, context, model::payloadType, resources));
            }
        }
        List<ComponentModel> sagas = model.components(ComponentKind.SAGA);
        if (!sagas.isEmpty()) {
            if (sagaStores.isUnsatisfied()) {
                LOG.severe(() -> "RECQ cannot run the sagas " + sagas.stream().map(ComponentModel::name)
                        .collect(Collectors.joining(", ")) + ": no saga store is deployed. Fix: add recq-jpa-store "
                        + "to the deployment");
            } else {
                for (ComponentModel saga : sagas) {
                    consumers.add(new SagaConsumer(saga, model::payloadType, resources, sagaStores.get()));
                }
            }
        }
        for (ComponentModel observer : model.components(ComponentKind.OBSERVER)) {
            consumers.add(new ObserverConsumer(observer, model::payloadType, resources));
        }
        return consumers;
    }

    private Object component(Class<?> type) {
        return components.computeIfAbsent(type, t -> beans.select(t).get());
    }

    private static String defaultNodeId() {
        String node = System.getProperty("jboss.node.name");
        if (node == null || node.isBlank()) {
            try {
                node = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                node = "node";
            }
        }
        return node + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
