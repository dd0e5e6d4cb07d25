package io.recq.jms.health;

import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.recq.cdi.runtime.HealthChecks;
import io.recq.jms.ConsumerLoop;
import io.recq.jms.JmsConfig;
import io.recq.jms.JmsTransport;

/**
 * Readiness of the RECQ transport: DOWN while the broker cannot be reached (a context and a producer on the
 * command and query queues cannot be created within {@code recq.jms.health-timeout-ms}), while the reply
 * channel is disconnected, or when the transport could not start. Its data names the connection factory
 * and the destinations.
 */
@Readiness
@Dependent
public class BrokerReadinessCheck implements HealthCheck {

    /** The name of the check in health reports. */
    public static final String NAME = "recq-jms";

    private JmsTransport transport;
    private JmsConfig config;

    protected BrokerReadinessCheck() {
        // for the proxy
    }

    @Inject
    public BrokerReadinessCheck(JmsTransport transport, JmsConfig config) {
        this.transport = transport;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthChecks.ofRunningDeployment(NAME, this::check);
    }

    private HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("connection-factory", transport.connectionFactoryName())
                .withData("service", transport.service())
                .withData("command-topic", config.commandDestination(transport.service()))
                .withData("query-topic", config.queryDestination(transport.service()))
                .withData("event-topic", config.eventTopic())
                .withData("dead-letter-queue", transport.deadLetterName());
        if (transport.startFailure() != null) {
            return response.down().withData("error", String.valueOf(transport.startFailure().getMessage())).build();
        }
        if (!transport.isStarted()) {
            return response.down().withData("error", "the transport has not started").build();
        }
        long running = transport.consumers().stream().filter(ConsumerLoop::isRunning).count();
        response.withData("consumer-threads", running)
                .withData("waiting-requests", transport.replies().pendingCount());
        try {
            Future<?> probe = transport.probeBroker(() -> {
                try (JMSContext context = transport.connectionFactory().createContext()) {
                    context.createProducer();
                    transport.deadLetterQueue(context);
                    // the destinations are cached after their first lookup: ask the broker each time
                    context.createTemporaryQueue().delete();
                }
                return null;
            });
            probe.get(config.healthTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return response.down().withData("error", "no answer from the broker within "
                    + config.healthTimeout().toMillis() + " ms").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return response.down().withData("error", String.valueOf(cause)).build();
        }
        if (!transport.replies().connected()) {
            return response.down().withData("error", "the reply channel is not connected: "
                    + transport.replies().lastError()).build();
        }
        return response.up().build();
    }
}
