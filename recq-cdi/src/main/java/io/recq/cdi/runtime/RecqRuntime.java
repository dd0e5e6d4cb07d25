package io.recq.cdi.runtime;

import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

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

    protected RecqRuntime() {
        // for the proxy
    }

    @Inject
    public RecqRuntime(RecqModel model, RecqConfig config, Event<RuntimeStart> starts) {
        this.model = model;
        this.starts = starts;
        this.codec = new PayloadCodec(model, config.maxPayloadBytes());
    }

    void onInitialized(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        start();
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
