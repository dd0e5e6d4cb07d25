package io.recq.cdi.service;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.recq.api.Catalog;
import io.recq.api.Event;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Payload;
import io.recq.api.RecqException;
import io.recq.api.View;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.model.PayloadTypes;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.runtime.RecqConfig;
import io.recq.cdi.runtime.RecqResources;
import io.recq.cdi.runtime.RecqRuntime;
import io.recq.cdi.runtime.RuntimeStart;
import io.recq.cdi.spi.CatalogStore;
import io.recq.cdi.spi.TransientStoreException;

/**
 * This deployment as a service of the system: its name and instance, its entry in the store's catalog (written
 * at start, refreshed by a heartbeat, removed at undeploy), and the routes of the other services: which
 * service handles a command or query type. A command or query of a type this deployment does not handle goes
 * to the service the catalog names; a type no running service handles fails at once.
 *
 * <p>At start it refuses to run beside another service that handles one of its command or query types: the
 * deployment fails with both names.
 */
@ApplicationScoped
public class ServiceRegistry {

    /** Roles of the catalog's message entries. */
    public static final String HANDLES_COMMAND = "handles-command";
    public static final String HANDLES_QUERY = "handles-query";
    public static final String CONSUMES_EVENT = "consumes-event";
    public static final String SENDS_COMMAND = "sends-command";
    public static final String SENDS_QUERY = "sends-query";
    public static final String PUBLISHES_EVENT = "publishes-event";
    public static final String RETURNS_VIEW = "returns-view";

    private static final Logger LOG = Logger.getLogger(ServiceRegistry.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    /** The name reported before the application's own is known. */
    private static final String UNKNOWN = "unknown";
    /** The name of a service whose application's name cannot be read and that names none. */
    private static final String FALLBACK = "recq";
    /** Fewest milliseconds between two reads of the routes for one type nobody was known to handle. */
    private static final long MISS_REFRESH_MS = 250;

    private RecqRuntime runtime;
    private RecqConfig config;
    private RecqResources resources;
    private Instance<CatalogStore> stores;

    private volatile ServiceSettings settings;
    private volatile String instanceId;
    private volatile Instant startedAt;
    private volatile boolean registered;
    private volatile Routes routes = Routes.NONE;
    private volatile BooleanSupplier readiness = () -> true;
    private volatile boolean lastReady;
    private volatile String conflict;
    private volatile String topologyConflict;
    private final Set<String> topologyReported = ConcurrentHashMap.newKeySet();
    private volatile String lastFailure;
    private volatile String deadLetterQueue;
    private ScheduledFuture<?> heartbeat;
    private final Map<String, Catalog.MessageEntry> sends = new ConcurrentHashMap<>();
    private final Set<String> sendsWritten = ConcurrentHashMap.newKeySet();
    private final Set<String> mismatchesReported = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> misses = new ConcurrentHashMap<>();

    protected ServiceRegistry() {
        // for the proxy
    }

    @Inject
    public ServiceRegistry(RecqRuntime runtime, RecqConfig config, RecqResources resources,
            Instance<CatalogStore> stores) {
        this.runtime = runtime;
        this.config = config;
        this.resources = resources;
        this.stores = stores;
    }

    /**
     * Writes this instance to the catalog, after checking that no other running service handles one of its
     * command or query types, and starts the heartbeat. Runs before the transport and the event consumers start.
     *
     * @param start the runtime's start
     * @throws RecqException when another service handles one of its types, or the name is invalid
     */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) RuntimeStart start) {
        ServiceSettings unnamed = settings();
        if (settings == null) {
            // not even where the application starts: outside a container (a test), or a server without java:app
            settings = new ServiceSettings(FALLBACK, unnamed.version(), unnamed.heartbeat(), unnamed.expiry(),
                    unnamed.routesRefresh());
            LOG.warning(() -> "RECQ cannot read java:app/AppName where the application starts: its service is named "
                    + FALLBACK + ". Fix: set " + ServiceSettings.NAME + " in your MicroProfile Config source");
        }
        ServiceSettings current = settings;
        if (stores.isUnsatisfied()) {
            LOG.info(() -> "RECQ service " + current.name() + " has no store: it reaches only its own handlers. Fix: "
                    + "add recq-jpa-store to the deployment to reach other services");
            return;
        }
        startedAt = Instant.now();
        try {
            register(true);
        } catch (TransientStoreException e) {
            // the database is away: the service starts, and registers with the first heartbeat that reaches it
            lastFailure = e.getMessage();
            LOG.warning(() -> "RECQ service " + current.name() + " cannot write itself to the catalog yet (it tries "
                    + "again every " + current.heartbeat().toMillis() + " ms; meanwhile it takes no command and "
                    + "no query): " + e.getMessage());
        }
        long every = current.heartbeat().toMillis();
        heartbeat = resources.scheduledExecutor().scheduleWithFixedDelay(this::beat, every, every,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Checks that no other running service handles one of this service's command or query types, and writes this
     * instance and what it handles to the catalog.
     *
     * @param atStart whether the deployment is starting: a conflict then fails it; later (the store was away at
     *        start) it keeps the service from taking commands and queries, and readiness reports it
     * @throws RecqException at start, when another running service handles one of its types
     * @throws TransientStoreException when the store cannot be reached
     */
    private synchronized void register(boolean atStart) {
        ServiceSettings current = settings();
        CatalogStore store = stores.get();
        Instant now = Instant.now();
        List<Catalog.MessageEntry> messages = messages(runtime.model());
        Map<String, Catalog.ServiceEntry> running = index(store.services(now.minus(current.expiry())));
        List<String> conflicts = conflicts(current.name(), messages, running);
        if (!conflicts.isEmpty()) {
            String message = ErrorCode.DUPLICATE_SERVICE_HANDLER.code() + " the service " + current.name()
                    + " cannot start: " + String.join("; ", conflicts) + ". Fix: a command or query type is "
                    + "handled by one service only; remove the handler from one of them, or undeploy the other "
                    + "service first";
            if (atStart) {
                throw new RecqException(message);
            }
            conflict = message;
            LOG.severe(message);
            return;
        }
        store.register(new CatalogStore.InstanceRecord(instanceId(), current.name(), current.version(), node(),
                gatingDone(), startedAt, transactionNode(), null), messages, now);
        registered = true;
        lastFailure = null;
        sendsWritten.clear();
        refreshRoutes(store);
        reportMismatches();
        LOG.info(() -> "RECQ service " + current.name() + " (version " + current.version() + ") runs as instance "
                + instanceId() + "; " + routes.services().size() + " service(s) known in the catalog");
    }

    /**
     * @param physicalName the broker's name of the queue that keeps this service's dead commands, written to the
     *        catalog with the next heartbeat, so that an operator's tool can read them
     */
    public void deadLetterQueue(String physicalName) {
        this.deadLetterQueue = physicalName;
    }

    /**
     * @param ready whether this instance takes commands and queries now (the event consumers say: no gating
     *        projector replays)
     */
    public void readiness(BooleanSupplier ready) {
        this.readiness = ready;
    }

    /**
     * @return whether this instance takes commands and queries
     */
    public boolean isReady() {
        if (conflict != null || topologyConflict != null || !registered && stores.isResolvable()) {
            return false;
        }
        return gatingDone();
    }

    private boolean gatingDone() {
        try {
            return readiness.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void beat() {
        if (conflict != null) {
            return;
        }
        try {
            if (!registered) {
                register(false);
                return;
            }
            CatalogStore store = stores.get();
            Instant now = Instant.now();
            boolean ready = isReady();
            if (!store.heartbeat(instanceId(), ready, deadLetterQueue, now)) {
                LOG.warning(() -> "RECQ service instance " + instanceId() + " had expired from the catalog (its "
                        + "heartbeat was late); it registers again");
                registered = false;
                register(false);
                return;
            }
            if (ready != lastReady) {
                lastReady = ready;
                LOG.info(() -> "RECQ service instance " + instanceId() + (ready ? " is ready" : " is not ready"));
            }
            writeSends(store);
            checkTopology(store.instances(now.minus(settings().expiry())));
            store.remove(null, now.minus(settings().expiry()));
            refreshRoutes(store);
            reportMismatches();
            lastFailure = null;
        } catch (RuntimeException e) {
            lastFailure = e.getMessage();
            LOG.log(Level.WARNING, "RECQ service heartbeat failed (retried): " + e,
                    LOG.isLoggable(Level.FINE) ? e : null);
        }
    }

    @PreDestroy
    void stop() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (registered && stores.isResolvable()) {
            registered = false;
            try {
                stores.get().remove(instanceId(), Instant.EPOCH);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "RECQ could not remove instance " + instanceId() + " from the catalog; it "
                        + "expires after " + settings().expiry().toMillis() + " ms: " + e);
            }
        }
    }

    /**
     * @return why this service takes no commands and no queries although it runs, or {@code null}: another running
     *         service handles one of its types (found after a start without the store), or it could not write
     *         itself to the catalog yet
     */
    public String notServing() {
        if (conflict != null) {
            return conflict;
        }
        if (topologyConflict != null) {
            return topologyConflict;
        }
        if (!registered && stores.isResolvable()) {
            return "not in the catalog yet" + (lastFailure == null ? "" : ": " + lastFailure);
        }
        return null;
    }

    /**
     * Refuses a node that repeats another running node's identity: an instance of the same service on a node of the
     * same name, or a node of another name with the same transaction node identifier (the transaction manager of
     * each would recover, and roll back, the other's in-doubt transactions on the shared broker and database).
     * Another instance counts as running when it sent a heartbeat after this one started: the row a killed
     * instance of this node left behind does not, so a restart after a crash is not refused. Of the two, the one
     * that started later refuses (readiness DOWN, no commands and no queries taken) until the other has gone; the
     * earlier one keeps running and logs the conflict.
     *
     * @param running the running instances of every service, in the order they started
     */
    void checkTopology(List<CatalogStore.InstanceRecord> running) {
        if (startedAt == null) {
            return;
        }
        Topology found = topology(new CatalogStore.InstanceRecord(instanceId(), serviceName(), settings().version(),
                node(), true, startedAt, transactionNode(), null), running);
        found.clashes().forEach((other, text) -> {
            if (topologyReported.add(other)) {
                LOG.severe(text);
            }
        });
        String refusal = found.refusal();
        if (refusal != null && !refusal.equals(topologyConflict)) {
            LOG.severe(refusal);
        } else if (refusal == null && topologyConflict != null) {
            LOG.info(() -> "RECQ service instance " + instanceId() + " no longer repeats another node's identity: it "
                    + "takes commands and queries again");
        }
        topologyConflict = refusal;
    }

    /**
     * What the running instances say of this one's identity.
     *
     * @param refusal why this instance refuses to take commands and queries, or {@code null}
     * @param clashes the instances that repeat this one's identity but started after it (they refuse), each with
     *        the text to log
     */
    record Topology(String refusal, Map<String, String> clashes) {
    }

    /**
     * @param self this instance (its heartbeat is not read)
     * @param running the running instances of every service
     * @return whether this instance repeats another's node name or transaction node identifier, and which do
     */
    static Topology topology(CatalogStore.InstanceRecord self, List<CatalogStore.InstanceRecord> running) {
        String refusal = null;
        Map<String, String> clashes = new LinkedHashMap<>();
        for (CatalogStore.InstanceRecord other : running) {
            if (other.id().equals(self.id()) || other.heartbeatAt() == null
                    || !other.heartbeatAt().isAfter(self.startedAt())) {
                // itself, or the row a killed instance left behind: it has not beaten since this one started
                continue;
            }
            String clash = null;
            if (other.service().equals(self.service()) && other.node().equals(self.node())) {
                clash = "the node name " + self.node() + " (jboss.node.name)";
            } else if (self.transactionNode() != null && !other.node().equals(self.node())
                    && self.transactionNode().equals(other.transactionNode())) {
                clash = "the transaction node identifier " + self.transactionNode() + " (of node " + other.node()
                        + ")";
            }
            if (clash == null) {
                continue;
            }
            boolean later = self.startedAt().isAfter(other.startedAt())
                    || self.startedAt().equals(other.startedAt()) && self.id().compareTo(other.id()) > 0;
            String text = ErrorCode.DUPLICATE_NODE.code() + " the instance " + self.id() + " of the service "
                    + self.service() + " on node " + self.node() + " has " + clash + " of the running instance "
                    + other.id() + " of the service " + other.service() + ", started " + other.startedAt() + ". Fix: "
                    + "give every server of the system its own jboss.node.name and transaction node identifier "
                    + "(-Djboss.tx.node.id=... with standalone-full.xml), then restart it";
            if (!later) {
                clashes.put(other.id(), text + "; that instance started later and takes no command and no query");
            } else if (refusal == null) {
                refusal = text + "; this instance started later and takes no command and no query until the other "
                        + "has gone";
            }
        }
        return new Topology(refusal, clashes);
    }

    /**
     * @return the transaction manager's node identifier of this server as the system property
     *         {@code jboss.tx.node.id} gives it (WildFly's {@code standalone-full.xml} reads its
     *         {@code node-identifier} from it), or {@code null} when it is not set
     */
    String transactionNode() {
        String property = System.getProperty("jboss.tx.node.id");
        return property == null || property.isBlank() ? null : property;
    }

    /**
     * @return the last failure of the heartbeat, or {@code null} when it succeeded
     */
    public String lastFailure() {
        return lastFailure;
    }

    /**
     * @return whether this instance is in the catalog
     */
    public boolean isRegistered() {
        return registered;
    }

    /**
     * @return this deployment's service settings
     */
    public ServiceSettings settings() {
        ServiceSettings known = settings;
        if (known != null) {
            return known;
        }
        String applicationName = applicationName();
        known = ServiceSettings.read(config, () -> applicationName == null ? UNKNOWN : applicationName);
        if (!NAME.matcher(known.name()).matches()) {
            throw new RecqException("RECQ configuration " + ServiceSettings.NAME + " must be 1 to 100 letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit, got '" + known.name()
                    + "'. Fix: set " + ServiceSettings.NAME + " in your MicroProfile Config source");
        }
        if (applicationName != null || !UNKNOWN.equals(known.name())) {
            // only a name that is the application's: a health check called on a thread of the server before the
            // application's start sees no java:app, and must not fix the name for good
            settings = known;
        }
        return known;
    }

    /**
     * @return the name of this deployment's service
     */
    public String serviceName() {
        return settings().name();
    }

    /**
     * @return this instance's id, unique among running instances; event consumers hold their leases under it
     */
    public String instanceId() {
        String known = instanceId;
        if (known == null) {
            synchronized (this) {
                if (instanceId == null) {
                    instanceId = config.getString(RecqConfig.EVENT_NODE_ID,
                            node() + "-" + UUID.randomUUID().toString().substring(0, 8));
                }
                known = instanceId;
            }
        }
        return known;
    }

    /**
     * The service that handles a command or query type.
     *
     * @param query whether the type is a query's
     * @param payloadName the type's logical name
     * @return this service when it handles the type itself, else the running service the catalog names
     */
    public Optional<String> route(boolean query, String payloadName) {
        Routes known = routes;
        String service = (query ? known.queries() : known.commands()).get(payloadName);
        long now = System.currentTimeMillis();
        boolean read;
        if (service == null) {
            // a type nobody handled: read again, at most every MISS_REFRESH_MS for one type, since a service that
            // handles it may have started since the last read
            String key = (query ? "q:" : "c:") + payloadName;
            Long last = misses.get(key);
            read = last == null || now - last >= MISS_REFRESH_MS;
            if (read) {
                misses.put(key, now);
            }
        } else {
            read = now - known.readAt() >= settings().routesRefresh().toMillis();
        }
        if (read && stores.isResolvable() && registered) {
            synchronized (this) {
                if (routes == known) {
                    refreshRoutes(stores.get());
                }
            }
            known = routes;
            service = (query ? known.queries() : known.commands()).get(payloadName);
        }
        return Optional.ofNullable(service);
    }

    /**
     * The service a command or query of this deployment goes to.
     *
     * @param query whether it is a query
     * @param type its class
     * @return the running service that handles it: this one when a handler of the deployment does
     * @throws HandlerNotFoundException when no running service handles it
     * @throws InvalidPayloadException when another payload class of the deployment has the same logical name
     */
    public String target(boolean query, Class<? extends Payload> type) {
        boolean own = query ? runtime.model().queryHandler(type).isPresent()
                : runtime.model().commandHandler(type).isPresent();
        if (own) {
            return serviceName();
        }
        String name = PayloadTypes.logicalName(type);
        Optional<String> service = route(query, name);
        if (service.isEmpty()) {
            String what = query ? "query " : "command ";
            throw new HandlerNotFoundException(ErrorCode.HANDLER_NOT_FOUND.code() + " no running service handles the "
                    + what + name + " (" + type.getName() + ")" + (stores.isUnsatisfied()
                            ? ", and this deployment has no store, so it knows no other service. Fix: declare "
                                    + (query ? "a @QueryHandler for it in a @Projection"
                                            : "an @AggregateCommandHandler or @CommandHandler for it")
                                    + " in this deployment, or add recq-jpa-store to reach the service that handles it"
                            : ". Fix: deploy the service that handles it, or wait until it has started (the catalog "
                                    + "lists the running services), or declare "
                                    + (query ? "a @QueryHandler for it" : "a command handler for it")
                                    + " in this deployment"));
        }
        runtime.learn(type);
        noteSent(query, type);
        return service.get();
    }

    /**
     * Notes that this service sends a payload type another service handles, for the catalog.
     *
     * @param query whether it is a query
     * @param type the payload class
     */
    public void noteSent(boolean query, Class<? extends Payload> type) {
        String key = (query ? SENDS_QUERY : SENDS_COMMAND) + ":" + PayloadTypes.logicalName(type);
        if (!sends.containsKey(key)) {
            sends.putIfAbsent(key, new Catalog.MessageEntry(query ? SENDS_QUERY : SENDS_COMMAND,
                    PayloadTypes.logicalName(type), type.getName(), "", "", JsonSchemas.of(type)));
            reportMismatch(sends.get(key));
        }
    }

    /**
     * @return the class a running service handles or produces under a logical name, as the catalog names it
     */
    public Optional<String> payloadClass(String payloadName) {
        return Optional.ofNullable(routes.classes().get(payloadName));
    }

    private void writeSends(CatalogStore store) {
        List<Catalog.MessageEntry> fresh = new ArrayList<>();
        sends.forEach((key, entry) -> {
            if (!sendsWritten.contains(key)) {
                fresh.add(entry);
            }
        });
        if (!fresh.isEmpty()) {
            store.addSends(settings().name(), fresh);
            fresh.forEach(e -> sendsWritten.add(e.role() + ":" + e.payloadType()));
        }
    }

    private void refreshRoutes(CatalogStore store) {
        // the moment of the read, before it: a service that registers during it is not in what it returns
        long readAt = System.currentTimeMillis();
        Instant now = Instant.now();
        List<Catalog.ServiceEntry> services = store.services(now.minus(settings().expiry()));
        Map<String, String> commands = new HashMap<>();
        Map<String, String> queries = new HashMap<>();
        Map<String, String> classes = new HashMap<>();
        Map<String, String> schemas = new HashMap<>();
        for (Catalog.ServiceEntry service : services) {
            for (Catalog.MessageEntry message : service.messages()) {
                switch (message.role()) {
                    case HANDLES_COMMAND -> commands.putIfAbsent(message.payloadType(), service.name());
                    case HANDLES_QUERY -> queries.putIfAbsent(message.payloadType(), service.name());
                    default -> {
                        continue;
                    }
                }
                classes.putIfAbsent(message.payloadType(), message.payloadClass());
                schemas.putIfAbsent(message.payloadType(), service.name() + "\n" + message.jsonSchema());
            }
        }
        // this deployment's own handlers always win: they are what it runs
        runtime.model().commandHandlers().keySet()
                .forEach(type -> commands.put(PayloadTypes.logicalName(type), settings().name()));
        runtime.model().queryHandlers().keySet()
                .forEach(type -> queries.put(PayloadTypes.logicalName(type), settings().name()));
        routes = new Routes(Map.copyOf(commands), Map.copyOf(queries), Map.copyOf(classes), Map.copyOf(schemas),
                services.stream().map(Catalog.ServiceEntry::name).toList(), readAt);
    }

    private void reportMismatches() {
        sends.values().forEach(this::reportMismatch);
    }

    private void reportMismatch(Catalog.MessageEntry sent) {
        String handler = routes.schemas().get(sent.payloadType());
        if (handler == null) {
            return;
        }
        int split = handler.indexOf('\n');
        String service = handler.substring(0, split);
        String schema = handler.substring(split + 1);
        if (!schema.equals(sent.jsonSchema()) && mismatchesReported.add(sent.payloadType() + "\n" + schema)) {
            LOG.warning(() -> "RECQ payload type " + sent.payloadType() + " has another JSON shape in this service ("
                    + settings().name() + ", " + sent.payloadClass() + ": " + sent.jsonSchema() + ") than in the "
                    + "service that handles it (" + service + ": " + schema + "). Fix: build both services with the "
                    + "same version of the payload class; a field only one side knows is lost or missing");
        }
    }

    /**
     * @param model a deployment model
     * @return what the deployment handles and consumes, for the catalog
     */
    static List<Catalog.MessageEntry> messages(RecqModel model) {
        Map<String, Catalog.MessageEntry> entries = new LinkedHashMap<>();
        model.commandHandlers().values().forEach(h -> add(entries, HANDLES_COMMAND, h));
        model.queryHandlers().values().forEach(h -> add(entries, HANDLES_QUERY, h));
        model.eventHandlers().values().forEach(hs -> hs.forEach(h -> add(entries, CONSUMES_EVENT, h)));
        // what a component stores: an aggregate's events are those it applies, a service's what its handlers return
        for (ComponentModel aggregate : model.components(ComponentKind.AGGREGATE)) {
            aggregate.handlers(HandlerKind.EVENT_SOURCING).forEach(h -> add(entries, PUBLISHES_EVENT, h));
        }
        for (ComponentModel service : model.components(ComponentKind.SERVICE)) {
            for (HandlerMethod handler : service.handlers(HandlerKind.SERVICE_COMMAND)) {
                if (handler.returnType() instanceof Class<?> returned && Event.class.isAssignableFrom(returned)
                        && !returned.isInterface() && !java.lang.reflect.Modifier.isAbstract(returned.getModifiers())) {
                    @SuppressWarnings("unchecked")
                    Class<? extends Payload> event = (Class<? extends Payload>) returned;
                    String component = handler.componentClass().getName();
                    entries.putIfAbsent(PUBLISHES_EVENT + ":" + event.getName() + ":" + component,
                            new Catalog.MessageEntry(PUBLISHES_EVENT, PayloadTypes.logicalName(event), event.getName(),
                                    component, "service", JsonSchemas.of(event)));
                }
            }
        }
        // what a projection answers with: the views its queries' answers hold
        for (HandlerMethod handler : model.queryHandlers().values()) {
            PayloadTypes.answerTypeOf(handler.payloadType()).ifPresent(answer -> {
                for (Class<?> view : PayloadTypes.classesIn(answer)) {
                    if (View.class.isAssignableFrom(view)) {
                        String component = handler.componentClass().getName();
                        entries.putIfAbsent(RETURNS_VIEW + ":" + view.getName() + ":" + component,
                                new Catalog.MessageEntry(RETURNS_VIEW, view.getSimpleName(), view.getName(), component,
                                        "projection", JsonSchemas.of(view)));
                    }
                }
            });
        }
        return List.copyOf(entries.values());
    }

    private static void add(Map<String, Catalog.MessageEntry> entries, String role, HandlerMethod handler) {
        Class<? extends Payload> type = handler.payloadType();
        String component = handler.componentClass().getName();
        entries.putIfAbsent(role + ":" + type.getName() + ":" + component, new Catalog.MessageEntry(role,
                PayloadTypes.logicalName(type), type.getName(), component,
                handler.componentKind().name().toLowerCase(java.util.Locale.ROOT), JsonSchemas.of(type)));
    }

    private static Map<String, Catalog.ServiceEntry> index(List<Catalog.ServiceEntry> services) {
        Map<String, Catalog.ServiceEntry> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        return byName;
    }

    /**
     * @return for each command or query type of {@code messages} that another running service handles, a
     *         sentence naming both
     */
    static List<String> conflicts(String self, List<Catalog.MessageEntry> messages,
            Map<String, Catalog.ServiceEntry> running) {
        List<String> conflicts = new ArrayList<>();
        for (Catalog.MessageEntry mine : messages) {
            if (!mine.role().equals(HANDLES_COMMAND) && !mine.role().equals(HANDLES_QUERY)) {
                continue;
            }
            for (Catalog.ServiceEntry other : running.values()) {
                if (other.name().equals(self)) {
                    continue;
                }
                for (Catalog.MessageEntry theirs : other.messages()) {
                    if (theirs.role().equals(mine.role()) && theirs.payloadType().equals(mine.payloadType())) {
                        conflicts.add("the " + (mine.role().equals(HANDLES_COMMAND) ? "command " : "query ")
                                + mine.payloadType() + " is handled by the running service " + other.name() + " ("
                                + theirs.component() + ") and by this service " + self + " (" + mine.component() + ")");
                    }
                }
            }
        }
        return conflicts;
    }

    /**
     * @return the application's name, or {@code null} where the calling thread has no {@code java:app}
     */
    private static String applicationName() {
        try {
            Object name = new InitialContext().lookup("java:app/AppName");
            if (name instanceof String s && !s.isBlank()) {
                return s;
            }
        } catch (NamingException | RuntimeException e) {
            // not on a thread of the application
        }
        return null;
    }

    private static String node() {
        String node = System.getProperty("jboss.node.name");
        if (node == null || node.isBlank()) {
            try {
                node = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                node = "node";
            }
        }
        return node;
    }

    /**
     * The routes as last read from the catalog.
     */
    private record Routes(Map<String, String> commands, Map<String, String> queries, Map<String, String> classes,
            Map<String, String> schemas, List<String> services, long readAt) {

        static final Routes NONE = new Routes(Map.of(), Map.of(), Map.of(), Map.of(), List.of(), 0);
    }

    /**
     * A service's settings.
     *
     * @param name {@value #NAME}
     * @param version {@value #VERSION}
     * @param heartbeat {@value #HEARTBEAT_MS}
     * @param expiry {@value #EXPIRY_MS}
     * @param routesRefresh {@value #ROUTES_REFRESH_MS}
     */
    public record ServiceSettings(String name, String version, Duration heartbeat, Duration expiry,
            Duration routesRefresh) {

        /** MicroProfile Config key: the service's name, default the application's name. */
        public static final String NAME = "recq.service.name";
        /** MicroProfile Config key: the service's version, default {@code 1}. */
        public static final String VERSION = "recq.service.version";
        /** MicroProfile Config key: how often an instance says it runs, in milliseconds. */
        public static final String HEARTBEAT_MS = "recq.service.heartbeat-ms";
        /** MicroProfile Config key: how long after its last heartbeat an instance counts as gone. */
        public static final String EXPIRY_MS = "recq.service.expiry-ms";
        /**
         * MicroProfile Config key: how old the routes to other services may be when a command or query is sent
         * to one, in milliseconds; older, they are read from the catalog again first.
         */
        public static final String ROUTES_REFRESH_MS = "recq.service.routes-refresh-ms";

        static ServiceSettings read(RecqConfig config, java.util.function.Supplier<String> applicationName) {
            String name = config.getString(NAME, null);
            if (name == null || name.isBlank()) {
                name = applicationName.get();
            }
            long heartbeat = config.getLong(HEARTBEAT_MS, 5_000);
            long expiry = config.getLong(EXPIRY_MS, 20_000);
            if (heartbeat < 100 || expiry < 2 * heartbeat) {
                throw new RecqException("RECQ configuration " + HEARTBEAT_MS + " must be at least 100 and "
                        + EXPIRY_MS + " at least twice it, got " + heartbeat + " and " + expiry + ". Fix: correct "
                        + "the values in your MicroProfile Config source");
            }
            long routesRefresh = config.getLong(ROUTES_REFRESH_MS, 1_000);
            if (routesRefresh < 0) {
                throw new RecqException("RECQ configuration " + ROUTES_REFRESH_MS + " must be at least 0, got "
                        + routesRefresh + ". Fix: correct the value in your MicroProfile Config source");
            }
            return new ServiceSettings(name.trim(), config.getString(VERSION, "1"), Duration.ofMillis(heartbeat),
                    Duration.ofMillis(expiry), Duration.ofMillis(routesRefresh));
        }
    }
}
