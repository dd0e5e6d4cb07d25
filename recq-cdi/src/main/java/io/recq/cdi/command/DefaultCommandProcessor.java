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
    private final Map<Class<?>, Object> components = new ConcurrentHashMap<>();
    private volatile CommandRunner runner;

    protected DefaultCommandProcessor() {
        // for the proxy
    }

    @Inject
    public DefaultCommandProcessor(RecqRuntime runtime, RecqConfig config, Instance<EventStore> eventStores,
            Instance<IdempotencyStore> idempotencyStores, ComponentInstances instances, CommandGateway commandGateway,
            QueryGateway queryGateway) {
        this.runtime = runtime;
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
        CommandRunner current = runner;
        if (current == null) {
            if (eventStores.isUnsatisfied() || idempotencyStores.isUnsatisfied()) {
                return CommandOutcome.failed(new RecqException(ErrorCode.NO_EVENT_STORE.code() + " the command "
                        + command.payloadName() + " cannot be handled: no event store is deployed. Fix: add "
                        + "recq-jpa-store to the deployment (EAR/lib or WEB-INF/lib)"));
            }
            current = new CommandRunner(runtime.model(), runtime.codec(), eventStores.get(), idempotencyStores.get(),
                    this::component, commandGateway, queryGateway, settings(), Clock.systemUTC());
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
