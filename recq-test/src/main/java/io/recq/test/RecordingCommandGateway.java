package io.recq.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import io.recq.api.Command;
import io.recq.api.CommandGateway;
import io.recq.api.DomainCommand;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.runtime.HandlerScope;

/**
 * The {@link CommandGateway} fixtures hand to handlers: it checks what the server's gateway checks (the
 * capability table through {@link HandlerScope}, a missing aggregate id, the JSON-B round trip), applies the
 * correlation metadata, and records the command instead of dispatching it. The future completes with the
 * stubbed result, or {@code null}.
 */
final class RecordingCommandGateway implements CommandGateway {

    private final FixtureCodec codec;
    private final Stubs stubs;
    private final List<RecordedCommand> recorded = new ArrayList<>();

    RecordingCommandGateway(FixtureCodec codec, Stubs stubs) {
        this.codec = codec;
        this.stubs = stubs;
    }

    List<RecordedCommand> recorded() {
        return List.copyOf(recorded);
    }

    /** Forgets what was recorded: the commands of a failed handler are never sent. */
    void discardFrom(int size) {
        while (recorded.size() > size) {
            recorded.remove(recorded.size() - 1);
        }
    }

    int size() {
        return recorded.size();
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
            HandlerScope.checkMayCommand();
            if (command == null) {
                throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code()
                        + " the command is null. Fix: pass a command instance");
            }
            if (command instanceof DomainCommand domainCommand
                    && (domainCommand.aggregateId() == null || domainCommand.aggregateId().isBlank())) {
                throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " the command "
                        + command.getClass().getSimpleName() + " has no aggregate id. Fix: set the id of the "
                        + "aggregate it is addressed to");
            }
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("A command timeout must be positive, got " + timeout);
            }
            Command received = codec.roundTrip(command);
            recorded.add(new RecordedCommand(received, HandlerScope.outgoing(metadata)));
            Function<Object, ?> stub = stubs.command(command.getClass()).orElse(null);
            return CompletableFuture.completedFuture(stub == null ? null : (R) stub.apply(received));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <R> R sendAndWait(Command command) {
        return await(send(command, Metadata.empty(), null));
    }

    @Override
    public <R> R sendAndWait(Command command, Metadata metadata, Duration timeout) {
        return await(send(command, metadata, timeout));
    }

    static <R> R await(CompletableFuture<R> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
