package io.recq.cdi.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.recq.api.InvalidPayloadException;
import io.recq.api.Payload;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.PayloadTypes;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.serialization.PayloadCodec;

/**
 * The running framework of one deployment: the model the extension built, the payload codec, and the
 * start-up of everything that consumes messages: {@link #start()} fires {@link RuntimeStart} exactly once per
 * deployment, in a WAR as in an EAR with several modules.
 */
@ApplicationScoped
public class RecqRuntime {

    private static final Logger LOG = Logger.getLogger(RecqRuntime.class.getName());

    private RecqModel model;
    private PayloadCodec codec;
    private Event<RuntimeStart> starts;
    private boolean started;
    private boolean deferred;
    private final Map<String, Class<? extends Payload>> learned = new ConcurrentHashMap<>();

    protected RecqRuntime() {
        // for the proxy
    }

    @Inject
    public RecqRuntime(RecqModel model, RecqConfig config, Event<RuntimeStart> starts) {
        this.model = model;
        this.starts = starts;
        this.codec = new PayloadCodec(this::payloadType, config.maxPayloadBytes());
    }

    void onInitialized(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (!applicationNamingComplete()) {
            // Payara: the application is loaded, not yet started; its web module's start starts RECQ
            LOG.fine("RECQ starts with the application's web module: its resources are not bound yet");
            synchronized (this) {
                deferred = true;
            }
            return;
        }
        start();
    }

    /**
     * Starts the runtime if the application's {@code @Initialized} event came before the application's naming was
     * complete ({@link WebModuleStart}). Where that event starts it, the web module's start does nothing: on
     * WildFly an EAR's web module may start while the EAR's event is delivered, and the runtime must start in
     * the same place every time.
     */
    public void startIfDeferred() {
        synchronized (this) {
            if (!deferred) {
                return;
            }
        }
        start();
    }

    /**
     * @return whether the resources RECQ defines for the application are bound, or there is no naming at all: at
     *         the application's {@code @Initialized} event on WildFly; only once its web module starts on Payara,
     *         which fires the event while it loads the application, before the naming of its modules and the
     *         injection of persistence contexts are in place
     */
    static boolean applicationNamingComplete() {
        try {
            new InitialContext().lookup(RecqResources.DEFAULT_EXECUTOR);
            return true;
        } catch (NoInitialContextException e) {
            return true; // no naming at all (CDI SE): nothing to wait for
        } catch (NamingException e) {
            return false;
        }
    }

    /**
     * Starts the runtime if it has not started: fires {@link RuntimeStart} to its parts. Called when the
     * application is initialised; the transport calls it too when a gateway is used before that (an
     * application's own {@code @Initialized} observer may run first).
     *
     * @throws RuntimeException what a part threw when it could not start (it does not start again)
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        LOG.info(() -> "RECQ started: " + model.summary());
        starts.fire(new RuntimeStart());
    }

    /**
     * @return whether {@link #start()} has run
     */
    public synchronized boolean isStarted() {
        return started;
    }

    /**
     * @param logicalName a payload's logical name
     * @return the class this deployment reads it into: one its handlers declare, or one it sent or received
     *         from another service ({@link #learn})
     */
    public Optional<Class<? extends Payload>> payloadType(String logicalName) {
        Optional<Class<? extends Payload>> declared = model.payloadType(logicalName);
        return declared.isPresent() ? declared : Optional.ofNullable(learned.get(logicalName));
    }

    /**
     * Registers a payload class this deployment sends to another service, or reads from one, so that the codec
     * writes and reads it: a class of the application's own (the gateway received an instance of it, or the
     * catalog names it and the application's class loader has it), never one a message names by itself.
     *
     * @param type the payload class
     * @throws InvalidPayloadException when another class of the deployment has the same logical name
     */
    public void learn(Class<? extends Payload> type) {
        String name = PayloadTypes.logicalName(type);
        Class<? extends Payload> known = payloadType(name).orElseGet(() -> {
            Class<? extends Payload> previous = learned.putIfAbsent(name, type);
            return previous == null ? type : previous;
        });
        if (!known.equals(type)) {
            throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " the payload classes "
                    + known.getName() + " and " + type.getName() + " share the logical name '" + name + "'. Fix: "
                    + "rename one of them; a payload's logical name is its simple class name and must be unique "
                    + "in a system of services");
        }
    }

    /**
     * Registers the payload class named by the catalog for a logical name, when the application's class loader
     * has it and it is a payload of that name.
     *
     * @param logicalName the payload's logical name
     * @param className the class the catalog names for it
     * @param loader the application's class loader
     * @return whether the name can now be read
     */
    public boolean learn(String logicalName, String className, ClassLoader loader) {
        if (payloadType(logicalName).isPresent()) {
            return true;
        }
        if (className == null || loader == null) {
            return false;
        }
        try {
            Class<?> found = Class.forName(className, false, loader);
            if (Payload.class.isAssignableFrom(found) && PayloadTypes.logicalName(found).equals(logicalName)) {
                learn(found.asSubclass(Payload.class));
                return true;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // the application does not have that class: the name stays unknown
        }
        return false;
    }

    /**
     * @return the deployment model
     */
    public RecqModel model() {
        return model;
    }

    /**
     * @return the codec that reads and writes payloads of this deployment
     */
    public PayloadCodec codec() {
        return codec;
    }

    @PreDestroy
    void stop() {
        if (codec != null) {
            codec.close();
        }
    }
}
