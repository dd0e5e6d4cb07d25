package io.recq.cdi.runtime;

import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.recq.cdi.model.RecqModel;
import io.recq.cdi.serialization.PayloadCodec;

/**
 * The running framework of one deployment: the model the extension built, the payload codec, and the
 * start-up of everything that consumes messages.
 */
@ApplicationScoped
public class RecqRuntime {

    private static final Logger LOG = Logger.getLogger(RecqRuntime.class.getName());

    private RecqModel model;
    private PayloadCodec codec;

    protected RecqRuntime() {
        // for the proxy
    }

    @Inject
    public RecqRuntime(RecqModel model, RecqConfig config) {
        this.model = model;
        this.codec = new PayloadCodec(model, config.maxPayloadBytes());
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LOG.info(() -> "RECQ started: " + model.summary());
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
