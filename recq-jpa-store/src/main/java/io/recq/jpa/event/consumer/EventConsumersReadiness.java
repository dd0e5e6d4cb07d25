package io.recq.jpa.event.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.recq.cdi.event.EventProcessing;
import io.recq.cdi.event.EventTracker;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.runtime.HealthChecks;
import io.recq.cdi.runtime.RecqConfig;
import io.recq.cdi.spi.ConsumerPosition;
import io.recq.cdi.spi.ConsumerStore;
import io.recq.cdi.spi.DeadEventStore;

/**
 * Readiness of the deployment's event consumers: for each, its position, its lag behind the head of the
 * store, its dead events and what this node does with it ({@code <consumer>.position}, {@code .lag},
 * {@code .dead-events}, {@code .phase}). DOWN while a projector configured as gating
 * ({@code recq.projector.<SimpleName>.gating=true}) replays the events stored before this node started, so
 * that a load balancer sends no queries to a read model that is being rebuilt; DOWN when the store cannot be
 * read.
 *
 * <p>It lives in the store's jar, a bean archive the server's MicroProfile Health extension sees, and only
 * deployments with a store have event consumers.
 */
@Readiness
@Dependent
public class EventConsumersReadiness implements HealthCheck {

    /** The name of this check in the health report. */
    public static final String NAME = "recq-event-consumers";

    @Inject
    EventProcessing processing;

    @Inject
    RecqConfig config;

    @Inject
    Instance<ConsumerStore> consumerStores;

    @Inject
    Instance<DeadEventStore> deadEventStores;

    @Override
    public HealthCheckResponse call() {
        return HealthChecks.ofRunningDeployment(NAME, this::check);
    }

    private HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        Map<String, EventTracker> trackers = processing.trackers();
        if (trackers.isEmpty() || consumerStores.isUnsatisfied()) {
            return response.withData("consumers", 0).build();
        }
        try {
            ConsumerStore store = consumerStores.get();
            long head = store.head();
            Map<String, ConsumerPosition> positions = new HashMap<>();
            store.positions().forEach(p -> positions.put(p.consumerId(), p));
            Map<String, Long> dead = deadEventStores.isUnsatisfied() ? Map.of()
                    : deadEventStores.get().countByConsumer();
            List<String> gatingReplays = new ArrayList<>();
            response.withData("head", head).withData("consumers", trackers.size());
            for (Map.Entry<String, EventTracker> entry : trackers.entrySet()) {
                String key = entry.getKey();
                EventTracker tracker = entry.getValue();
                ConsumerPosition stored = positions.get(key);
                long position = stored == null ? Math.max(0, tracker.position()) : stored.position();
                response.withData(key + ".position", position)
                        .withData(key + ".lag", Math.max(0, head - position))
                        .withData(key + ".dead-events", dead.getOrDefault(key, 0L))
                        .withData(key + ".phase", tracker.phase().name());
                if (tracker.consumer().id().kind() == ComponentKind.PROJECTOR && gating(tracker) && !tracker.caughtUp()
                        && position < replayTarget(head)) {
                    gatingReplays.add(key);
                }
            }
            if (!gatingReplays.isEmpty()) {
                response.down().withData("replaying", String.join(", ", gatingReplays));
            }
        } catch (RuntimeException e) {
            response.down().withData("error", "the event consumers' positions cannot be read: " + e.getMessage());
        }
        return response.build();
    }

    private boolean gating(EventTracker tracker) {
        return config.getBoolean(RecqConfig.projectorGatingKey(tracker.consumer().id().name()), false);
    }

    private long replayTarget(long head) {
        long atStart = processing.headAtStart();
        return atStart < 0 ? head : atStart;
    }
}
