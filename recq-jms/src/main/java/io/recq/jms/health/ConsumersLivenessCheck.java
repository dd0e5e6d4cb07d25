package io.recq.jms.health;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import io.recq.cdi.runtime.HealthChecks;
import io.recq.jms.ConsumerLoop;
import io.recq.jms.JmsTransport;

/**
 * Liveness of the transport's consumer threads (commands and queries): DOWN when one of them has ended
 * although the deployment runs, which no failure of a message should ever cause (a consumer survives any
 * {@link Throwable} and the transport restarts a thread that ended anyway). A node DOWN here should be
 * restarted. Its data lists each thread and whether it runs, and how often threads were restarted.
 */
@Liveness
@Dependent
public class ConsumersLivenessCheck implements HealthCheck {

    /** The name of the check in health reports. */
    public static final String NAME = "recq-jms-consumers";

    private JmsTransport transport;

    protected ConsumersLivenessCheck() {
        // for the proxy
    }

    @Inject
    public ConsumersLivenessCheck(JmsTransport transport) {
        this.transport = transport;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthChecks.ofRunningDeployment(NAME, this::check);
    }

    private HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        if (!transport.isStarted()) {
            // not started yet, or stopping: readiness reports it; nothing here is dead
            return response.withData("started", false).build();
        }
        boolean alive = true;
        for (ConsumerLoop loop : transport.consumers()) {
            boolean running = loop.isRunning();
            response.withData(loop.toString(), running ? "running" : "ended");
            alive &= running;
        }
        response.withData("restarts", transport.consumerRestarts());
        return alive ? response.build() : response.down().build();
    }
}
