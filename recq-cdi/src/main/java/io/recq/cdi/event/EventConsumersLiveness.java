package io.recq.cdi.event;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import io.recq.cdi.runtime.HealthChecks;

/**
 * Liveness of the deployment's event consumers on this node: DOWN when a consumer that should run here cannot,
 * because its tracker's thread has ended or never started, or because the event runtime could not start it
 * (no store, a container resource missing). Its data names each consumer with {@code running} or why it does
 * not run. A tracker survives whatever its handlers and the store throw, so DOWN means the node needs a
 * restart, not that the database or the broker is away (readiness reports those).
 */
@Liveness
@Dependent
public class EventConsumersLiveness implements HealthCheck {

    /** The name of this check in the health report. */
    public static final String NAME = "recq-event-consumers-live";

    @Inject
    EventProcessing processing;

    private final Supplier<Map<String, EventTracker>> trackers;
    private final Supplier<Map<String, String>> notRunning;

    protected EventConsumersLiveness() {
        this.trackers = () -> processing.trackers();
        this.notRunning = () -> processing.notRunning();
    }

    /**
     * A check over given trackers, outside a container.
     *
     * @param trackers the trackers of this node, by consumer key
     * @param notRunning the consumers that could not start, with the reason
     */
    EventConsumersLiveness(Supplier<Map<String, EventTracker>> trackers, Supplier<Map<String, String>> notRunning) {
        this.trackers = trackers;
        this.notRunning = notRunning;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthChecks.ofRunningDeployment(NAME, this::check);
    }

    private HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        boolean up = true;
        Map<String, EventTracker> current = trackers.get();
        Map<String, String> failed = notRunning.get();
        response.withData("consumers", current.size() + failed.size());
        for (Map.Entry<String, EventTracker> entry : current.entrySet()) {
            String cause = entry.getValue().deathCause();
            if (cause == null) {
                response.withData(entry.getKey(), "running");
            } else {
                up = false;
                response.withData(entry.getKey(), "not running: " + cause);
            }
        }
        for (Map.Entry<String, String> entry : failed.entrySet()) {
            up = false;
            response.withData(entry.getKey(), "not running: " + entry.getValue());
        }
        return response.status(up).build();
    }
}
