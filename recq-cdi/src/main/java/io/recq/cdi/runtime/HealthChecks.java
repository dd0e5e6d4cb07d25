package io.recq.cdi.runtime;

import java.util.function.Supplier;

import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * What RECQ's health checks share. WildFly keeps calling the health checks of a deployment that failed after they
 * were registered (a deployment problem, another running service handling one of its types): the beans they call
 * are gone, and each call throws, which would report the whole server DOWN, or not live, until it restarts. The
 * checks are therefore dependent beans (no client proxy of their own) and report such a deployment as stopped.
 */
public final class HealthChecks {

    /** Weld's code for a contextual reference used after its container shut down. */
    private static final String CONTAINER_GONE = "WELD-000229";

    private HealthChecks() {
    }

    /**
     * @param name the check's name
     * @param check the check of a running deployment
     * @return its response; UP with {@code deployment=stopped} when the deployment's container is gone
     */
    public static HealthCheckResponse ofRunningDeployment(String name, Supplier<HealthCheckResponse> check) {
        try {
            return check.get();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains(CONTAINER_GONE)) {
                return HealthCheckResponse.named(name).up().withData("deployment", "stopped").build();
            }
            throw e;
        }
    }
}
