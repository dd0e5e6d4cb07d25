package io.recq.cdi.service;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.recq.api.RecqException;
import io.recq.cdi.runtime.HealthChecks;

/**
 * Readiness of this deployment as a service: DOWN while it takes no command and no query although it runs — it
 * is not in the catalog yet (the store was away when it started), or another running service handles one of its
 * types (found once the store was back) — or while a gating projector replays. Its data names the service, the
 * instance.
 * Dependent, as every RECQ health check ({@link HealthChecks}).
 */
@Readiness
@Dependent
public class ServiceReadiness implements HealthCheck {

    /** The name of this check in the health report. */
    public static final String NAME = "recq-service";

    @Inject
    ServiceRegistry registry;

    @Override
    public HealthCheckResponse call() {
        return HealthChecks.ofRunningDeployment(NAME, this::check);
    }

    private HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        try {
            response.withData("service", registry.serviceName()).withData("instance", registry.instanceId())
                    .withData("version", registry.settings().version())
                    .withData("in-catalog", registry.isRegistered());
        } catch (RecqException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
        String notServing = registry.notServing();
        if (notServing != null) {
            response.down().withData("error", notServing);
        } else if (!registry.isReady()) {
            response.down().withData("error", "a gating projector replays: no command or query is taken until it "
                    + "is done");
        }
        if (registry.lastFailure() != null) {
            response.withData("heartbeat-failure", registry.lastFailure());
        }
        return response.build();
    }
}
