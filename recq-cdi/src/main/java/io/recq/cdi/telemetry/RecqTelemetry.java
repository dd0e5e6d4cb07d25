package io.recq.cdi.telemetry;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import io.recq.cdi.runtime.RecqConfig;
import io.recq.cdi.service.ServiceRegistry;

/**
 * The deployment's {@link Telemetry}: OpenTelemetry when the server provides it (MicroProfile Telemetry) and
 * the deployment enables it with {@code otel.sdk.disabled=false}, unless {@value #ENABLED} is {@code false};
 * else {@link Telemetry#OFF}. Decided on first use.
 */
@ApplicationScoped
public class RecqTelemetry {

    /** Whether RECQ reports spans and metrics when the OpenTelemetry SDK is enabled (default {@code true}). */
    public static final String ENABLED = "recq.telemetry.enabled";
    /** MicroProfile Telemetry's switch; the SDK is off unless it is {@code false}. */
    public static final String OTEL_SDK_DISABLED = "otel.sdk.disabled";

    private static final Logger LOG = Logger.getLogger(RecqTelemetry.class.getName());
    private static final String API_CLASS = "io.opentelemetry.api.OpenTelemetry";

    private RecqConfig config;
    private BeanManager beans;
    private ServiceRegistry registry;
    private volatile Telemetry telemetry;

    protected RecqTelemetry() {
        // for the proxy
    }

    @Inject
    public RecqTelemetry(RecqConfig config, BeanManager beans, ServiceRegistry registry) {
        this.config = config;
        this.beans = beans;
        this.registry = registry;
    }

    /**
     * @return the deployment's telemetry
     */
    public Telemetry get() {
        Telemetry known = telemetry;
        if (known == null) {
            synchronized (this) {
                known = telemetry;
                if (known == null) {
                    known = create();
                    telemetry = known;
                }
            }
        }
        return known;
    }

    private Telemetry create() {
        if (!config.getBoolean(ENABLED, true) || config.getBoolean(OTEL_SDK_DISABLED, true)) {
            return Telemetry.OFF;
        }
        String service = registry.serviceName();
        try {
            Class.forName(API_CLASS, false, RecqTelemetry.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.warning(() -> "RECQ reports no telemetry for " + service + ": otel.sdk.disabled=false, but the "
                    + "server gives the deployment no OpenTelemetry API. Fix: add the opentelemetry and "
                    + "microprofile-telemetry subsystems to the server");
            return Telemetry.OFF;
        }
        Telemetry created = OpenTelemetryReporter.create(beans, service,
                RecqTelemetry.class.getPackage().getImplementationVersion());
        if (created.enabled()) {
            LOG.info(() -> "RECQ reports spans and metrics of " + service + " through OpenTelemetry");
        }
        return created;
    }
}
