package io.recq.cdi.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.recq.api.Command;
import io.recq.api.CommandGateway;
import io.recq.api.DomainCommand;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.api.RecqException;
import io.recq.api.ServiceCommand;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.PayloadTypes;
import io.recq.cdi.service.ServiceRegistry;
import io.recq.cdi.spi.CommandBus;
import io.recq.cdi.spi.CommandRequest;
import io.recq.cdi.telemetry.RecqTelemetry;
import io.recq.cdi.telemetry.Telemetry;

/**
 * The {@link CommandGateway} of a deployment: checks the sender's capability and the command, serialises
 * it, adds correlation metadata, and hands it to the transport's {@link CommandBus}.
 */
@ApplicationScoped
public class DefaultCommandGateway implements CommandGateway {

    private RecqRuntime runtime;
    private RecqConfig config;
    private Instance<CommandBus> buses;
    private ServiceRegistry registry;
    private RecqTelemetry telemetry;

    protected DefaultCommandGateway() {
        // for the proxy
    }

    @Inject
    public DefaultCommandGateway(RecqRuntime runtime, RecqConfig config, Instance<CommandBus> buses,
            ServiceRegistry registry, RecqTelemetry telemetry) {
        this.registry = registry;
        this.telemetry = telemetry;
        this.runtime = runtime;
        this.config = config;
        this.buses = buses;
    }

    @Override
    public <R> CompletableFuture<R> send(Command command) {
        return send(command, Metadata.empty(), null);
    }

    @Override
    public <R> CompletableFuture<R> send(Command command, Metadata metadata) {
        return send(command, metadata, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> send(Command command, Metadata metadata, Duration timeout) {
        try {
            CommandRequest request = prepare(command, metadata, timeout);
            Telemetry reporting = telemetry.get();
            if (!reporting.enabled()) {
                return (CompletableFuture<R>) bus().dispatch(request);
            }
            return (CompletableFuture<R>) traced(reporting, request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <R> R sendAndWait(Command command) {
        return Futures.await(send(command, Metadata.empty(), null));
    }

    @Override
    public <R> R sendAndWait(Command command, Metadata metadata, Duration timeout) {
        return Futures.await(send(command, metadata, timeout));
    }

    private CompletableFuture<Object> traced(Telemetry reporting, CommandRequest request) {
        Telemetry.Request traced = reporting.request(Telemetry.Kind.COMMAND, request.payloadName(), request.service(),
                request.routingKey(), request.messageId());
        return traced.follow(() -> bus().dispatch(new CommandRequest(request.messageId(), request.command(),
                request.payloadName(), request.json(), request.routingKey(), traced.inject(request.metadata()),
                request.timeout(), request.service())));
    }

    private CommandRequest prepare(Command command, Metadata metadata, Duration timeout) {
        HandlerScope.checkMayCommand();
        if (command == null) {
            throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code()
                    + " the command is null. Fix: pass a command instance");
        }
        String service = registry.target(false, command.getClass());
        String routingKey = null;
        if (command instanceof DomainCommand domainCommand) {
            routingKey = domainCommand.aggregateId();
            if (routingKey == null || routingKey.isBlank()) {
                throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " the command "
                        + command.getClass().getSimpleName() + " has no aggregate id. Fix: set the id of the "
                        + "aggregate it is addressed to");
            }
        } else if (command instanceof ServiceCommand serviceCommand) {
            routingKey = serviceCommand.lockId();
        }
        String json = runtime.codec().writePayload(command);
        Duration effective = timeout == null ? config.commandTimeout() : timeout;
        if (effective.isNegative() || effective.isZero()) {
            throw new IllegalArgumentException("A command timeout must be positive, got " + effective);
        }
        return new CommandRequest(HandlerScope.nextMessageId(), command, PayloadTypes.logicalName(command.getClass()),
                json, routingKey, HandlerScope.outgoing(metadata), effective, service);
    }

    private CommandBus bus() {
        if (buses.isUnsatisfied()) {
            throw new RecqException("No command transport is deployed. Fix: add recq-jms to the deployment "
                    + "(EAR/lib or WEB-INF/lib)");
        }
        return buses.get();
    }
}
