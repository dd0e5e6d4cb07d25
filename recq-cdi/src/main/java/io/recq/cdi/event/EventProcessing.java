package io.recq.cdi.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;


import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
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
import io.recq.cdi.runtime.ComponentInstances;
import io.recq.cdi.runtime.RecqConfig;
import io.recq.cdi.runtime.RecqResources;
import io.recq.cdi.runtime.RecqRuntime;
import io.recq.cdi.service.ServiceRegistry;
import io.recq.cdi.runtime.RuntimeStart;
import io.recq.cdi.spi.ConsumerStore;
import io.recq.cdi.spi.DeadEventStore;
import io.recq.cdi.spi.EventFeed;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.SagaStore;
import io.recq.cdi.telemetry.RecqTelemetry;
import io.recq.cdi.telemetry.Telemetry;

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

    /** Gauge: the consumer's position. */
    public static final String POSITION = "recq.consumer.position";
    /** Gauge: events after the consumer's position. */
    public static final String LAG = "recq.consumer.lag";
    /** Gauge: the age of the oldest event the consumer has not handled, in seconds. */
    public static final String LAG_DURATION = "recq.consumer.lag.duration";
    /** Gauge: the consumer's dead events. */
    public static final String DEAD_EVENTS = "recq.consumer.dead_events";
    /** Gauge: the consumer's replay progress on this node. */
    public static final String REPLAY_PROGRESS = "recq.consumer.replay.progress";
    /** Gauge: consumer threads alive on this node, by kind ({@code recq.consumer.kind}). */
    public static final String THREADS_ALIVE = "recq.consumer.threads.alive";

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
    ComponentInstances instances;

    @Inject
    CommandGateway commandGateway;

    @Inject
    QueryGateway queryGateway;

    @Inject
    RecqResources resources;

    @Inject
    ConsumerTransactions consumerTransactions;

    @Inject
    ServiceRegistry registry;

    @Inject
    RecqTelemetry telemetry;

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Map<Class<?>, Object> components = new ConcurrentHashMap<>();
    private volatile Map<String, EventTracker> trackers = Map.of();
    private volatile Map<String, String> notRunning = Map.of();
    private volatile EventSettings settings;
    private volatile long headAtStart = -1;
    private volatile AutoCloseable subscription;
    private volatile AutoCloseable metrics;

    void start(@Observes RuntimeStart start) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        EventSettings current = EventSettings.read(config, registry.instanceId());
        registry.readiness(this::gatingReplaysDone);
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
            String reason = "no store is deployed. Fix: add recq-jpa-store to the deployment (EAR/lib or WEB-INF/lib)";
            LOG.severe(() -> "RECQ cannot start its " + consumers.size() + " event consumer(s): " + reason);
            notRunning = cannotRun(consumers, reason);
            return;
        }
        try {
            headAtStart = consumerStores.get().head();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "RECQ cannot read the head of the event store at start");
        }
        // resolved by the runtime where the deployment starts (in EAR/lib there is no java:comp)
        UserTransaction transaction;
        ManagedThreadFactory threadFactory;
        ManagedExecutorService executor;
        ManagedScheduledExecutorService scheduler;
        try {
            transaction = resources.userTransaction();
            threadFactory = resources.threadFactory();
            executor = resources.executor();
            scheduler = resources.scheduledExecutor();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "RECQ cannot start its " + consumers.size() + " event consumer(s): "
                    + e.getMessage());
            notRunning = cannotRun(consumers, e.getMessage());
            return;
        }
        Map<String, EventTracker> started = new LinkedHashMap<>();
        for (EventConsumer consumer : consumers) {
            EventTracker tracker = new EventTracker(consumer, eventStores.get(), consumerStores.get(),
                    deadEventStores.get(), TrackerTransactions.of(transaction, consumerTransactions), current, executor,
                    scheduler, Clock.systemUTC());
            started.put(consumer.id().key(), tracker);
            try {
                tracker.start(threadFactory);
            } catch (RuntimeException e) {
                // reported by the liveness check: the tracker's thread is not alive
                LOG.log(Level.SEVERE, e, () -> "RECQ cannot start a thread for " + consumer + ": " + e);
            }
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
        observe(telemetry.get());
        LOG.info(() -> "RECQ started " + started.size() + " event consumer(s) on node " + current.nodeId() + " ("
                + (subscription != null ? "pushed by the event feed, " : "no event feed, ") + "polled every "
                + current.pollInterval().toMillis() + " ms): " + String.join(", ", started.keySet()));
    }

    /**
     * @return whether no projector configured as gating ({@code recq.projector.<SimpleName>.gating=true}) replays
     *         the events stored before this node started: until then the service takes no command and no query
     */
    public boolean gatingReplaysDone() {
        boolean gating = runtime.model().components(ComponentKind.PROJECTOR).stream()
                .anyMatch(p -> config.getBoolean(RecqConfig.projectorGatingKey(p.componentClass().getSimpleName()),
                        false));
        if (!gating) {
            return true;
        }
        Map<String, EventTracker> current = trackers;
        if (current.isEmpty()) {
            // before the trackers start, a gating projector is about to replay, unless none runs on this node
            EventSettings known = settings;
            return known != null && (!known.enabled() || !notRunning.isEmpty());
        }
        for (EventTracker tracker : current.values()) {
            if (tracker.consumer().id().kind() == ComponentKind.PROJECTOR && !tracker.caughtUp()
                    && config.getBoolean(RecqConfig.projectorGatingKey(tracker.consumer().id().name()), false)) {
                return false;
            }
        }
        return true;
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
        AutoCloseable observed = metrics;
        if (observed != null) {
            try {
                observed.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, e, () -> "RECQ could not unregister its consumer metrics");
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
     * Registers the consumers' gauges: what the store says of each consumer of this deployment (every node that
     * deploys it reports the same values), and what runs on this node.
     */
    private void observe(Telemetry reporting) {
        if (!reporting.enabled()) {
            return;
        }
        metrics = reporting.observe(List.of(
                new Telemetry.Gauge(POSITION, "{event}", "The global sequence up to which the consumer has handled "
                        + "the event stream"),
                new Telemetry.Gauge(LAG, "{event}", "Events stored after the consumer's position"),
                new Telemetry.Gauge(LAG_DURATION, "s", "How long ago the oldest event the consumer has not handled "
                        + "was stored; 0 when it has handled them all"),
                new Telemetry.Gauge(DEAD_EVENTS, "{event}", "Events in the consumer's dead event queue"),
                new Telemetry.Gauge(REPLAY_PROGRESS, "1", "How much of its replay the consumer has done on this "
                        + "node, from 0 to 1; 1 when live, 0 when another node holds it"),
                new Telemetry.Gauge(THREADS_ALIVE, "{thread}", "Consumer threads of this node that are alive")),
                this::record);
    }

    private void record(Telemetry.Recorder recorder) {
        Map<String, EventTracker> current = trackers;
        long alive = current.values().stream().filter(EventTracker::alive).count();
        recorder.record(THREADS_ALIVE, alive, "recq.consumer.kind", "event");
        if (current.isEmpty()) {
            return;
        }
        ConsumerStore store = consumerStores.get();
        long head = store.head();
        Map<String, Long> positions = new HashMap<>();
        store.positions().forEach(p -> positions.put(p.consumerId(), p.position()));
        Map<String, Long> dead = deadEventStores.get().countByConsumer();
        Instant now = Instant.now();
        for (Map.Entry<String, EventTracker> entry : current.entrySet()) {
            String key = entry.getKey();
            EventTracker tracker = entry.getValue();
            String component = tracker.consumer().component().name();
            long position = positions.getOrDefault(key, Math.max(0, tracker.position()));
            long lag = Math.max(0, head - position);
            double age = 0;
            if (lag > 0) {
                age = eventStores.get().read(position + 1, 1).stream().findFirst()
                        .map(e -> Math.max(0, Duration.between(e.timestamp(), now).toMillis()) / 1000.0).orElse(0.0);
            }
            recorder.record(POSITION, position, "recq.consumer", key, "recq.component", component);
            recorder.record(LAG, lag, "recq.consumer", key, "recq.component", component);
            recorder.record(LAG_DURATION, age, "recq.consumer", key, "recq.component", component);
            recorder.record(DEAD_EVENTS, dead.getOrDefault(key, 0L), "recq.consumer", key, "recq.component",
                    component);
            recorder.record(REPLAY_PROGRESS, tracker.replayProgress(), "recq.consumer", key, "recq.component",
                    component);
        }
    }

    /**
     * @return the consumers of this deployment that should run on this node but cannot, with the reason (no
     *         store, a container resource missing); empty when they all started
     */
    public Map<String, String> notRunning() {
        return notRunning;
    }

    private static Map<String, String> cannotRun(List<EventConsumer> consumers, String reason) {
        Map<String, String> reasons = new LinkedHashMap<>();
        consumers.forEach(c -> reasons.put(c.id().key(), reason));
        return Collections.unmodifiableMap(reasons);
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
     * @return the keys of this deployment's event consumers, whether or not they run on this node
     */
    public List<String> consumerKeys() {
        return consumers(runtime.model()).stream().map(c -> c.id().key()).toList();
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
                commandGateway, queryGateway, telemetry.get());
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
        return components.computeIfAbsent(type, instances::get);
    }
}
