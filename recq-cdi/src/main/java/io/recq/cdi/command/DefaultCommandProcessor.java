package io.recq.cdi.command;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.recq.api.CommandGateway;
import io.recq.api.QueryGateway;
import io.recq.api.RecqException;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.runtime.ComponentInstances;
import io.recq.cdi.runtime.RecqConfig;
import io.recq.cdi.runtime.RecqRuntime;
import io.recq.cdi.spi.AggregateCache;
import io.recq.cdi.spi.CommandOutcome;
import io.recq.cdi.spi.CommandProcessor;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.IdempotencyStore;
import io.recq.cdi.spi.IncomingCommand;
import io.recq.cdi.telemetry.RecqTelemetry;
import io.recq.cdi.telemetry.Telemetry;

/**
 * The {@link CommandProcessor} of a deployment: a {@link CommandRunner} wired with the deployment's model,
 * codec, store, gateways and configuration. The transport calls it inside the transaction that consumes the
 * command.
 *
 * <p>Component instances are CDI contextual references, looked up once per class: a proxy for the default
 * {@code @ApplicationScoped}, one instance for the life of the deployment for a {@code @Dependent} one.
 */
@ApplicationScoped
public class DefaultCommandProcessor implements CommandProcessor {

    private RecqRuntime runtime;
    private RecqConfig config;
    private Instance<EventStore> eventStores;
    private Instance<IdempotencyStore> idempotencyStores;
    private ComponentInstances instances;
    private CommandGateway commandGateway;
    private QueryGateway queryGateway;
    private RecqTelemetry telemetry;
    private final Map<String, String> componentNames = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> components = new ConcurrentHashMap<>();
    private volatile CommandRunner runner;

    protected DefaultCommandProcessor() {
        // for the proxy
    }

    @Inject
    public DefaultCommandProcessor(RecqRuntime runtime, RecqConfig config, Instance<EventStore> eventStores,
            Instance<IdempotencyStore> idempotencyStores, ComponentInstances instances, CommandGateway commandGateway,
            QueryGateway queryGateway, RecqTelemetry telemetry) {
        this.runtime = runtime;
        this.telemetry = telemetry;
        this.config = config;
        this.eventStores = eventStores;
        this.idempotencyStores = idempotencyStores;
        this.instances = instances;
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
    }

    @Override
    public CommandOutcome process(IncomingCommand command) {
        return process(command, null);
    }

    @Override
    public CommandOutcome process(IncomingCommand command, AggregateCache cache) {
        Telemetry reporting = telemetry.get();
        if (!reporting.enabled()) {
            return run(command, cache);
        }
        try (Telemetry.Handling handling = reporting.handle(Telemetry.Kind.COMMAND, command.payloadName(),
                componentName(command.payloadName()), command.routingKey(), command.messageId(), command.metadata(),
                null)) {
            try {
                CommandOutcome outcome = run(command, cache);
                if (!outcome.succeeded()) {
                    handling.failed(outcome.failure());
                }
                return outcome;
            } catch (RuntimeException | Error e) {
                handling.failed(e);
                throw e;
            }
        }
    }

    /**
     * @return the name of the component whose handler takes the command, or {@code null} when none does
     */
    private String componentName(String payloadName) {
        String known = componentNames.get(payloadName);
        if (known != null) {
            return known.isEmpty() ? null : known;
        }
        String name = runtime.payloadType(payloadName)
                .flatMap(type -> runtime.model().commandHandler(type))
                .flatMap(handler -> runtime.model().component(handler.componentClass()))
                .map(ComponentModel::name).orElse("");
        componentNames.put(payloadName, name);
        return name.isEmpty() ? null : name;
    }

    private CommandOutcome run(IncomingCommand command, AggregateCache cache) {
        CommandRunner current = runner;
        if (current == null) {
            if (eventStores.isUnsatisfied() || idempotencyStores.isUnsatisfied()) {
                return CommandOutcome.failed(new RecqException(ErrorCode.NO_EVENT_STORE.code() + " the command "
                        + command.payloadName() + " cannot be handled: no event store is deployed. Fix: add "
                        + "recq-jpa-store to the deployment (EAR/lib or WEB-INF/lib)"));
            }
            current = new CommandRunner(runtime.model(), runtime.codec(), eventStores.get(), idempotencyStores.get(),
                    this::component, commandGateway, queryGateway, settings(), Clock.systemUTC(), telemetry.get());
            runner = current;
        }
        return current.process(command, cache);
    }

    private CommandSettings settings() {
        Duration retention = Duration.ofMillis(config.getLong(RecqConfig.IDEMPOTENCY_RETENTION_MS,
                CommandSettings.DEFAULT_IDEMPOTENCY_RETENTION.toMillis()));
        return new CommandSettings(retention, this::snapshotFrequency);
    }

    private int snapshotFrequency(ComponentModel aggregate) {
        int configured = config.getInt(RecqConfig.snapshotFrequencyKey(aggregate.name()),
                aggregate.snapshotFrequency());
        if (configured == 0 || configured < -1) {
            throw new IllegalArgumentException("RECQ configuration " + RecqConfig.snapshotFrequencyKey(
                    aggregate.name()) + " must be a positive number of events or -1 for never, got " + configured);
        }
        return configured;
    }

    private Object component(Class<?> type) {
        return components.computeIfAbsent(type, instances::get);
    }
}
