package io.recq.test;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.recq.api.HandlerNotFoundException;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.api.Query;
import io.recq.api.QueryGateway;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.PayloadTypes;
import io.recq.cdi.runtime.HandlerScope;

/**
 * The {@link QueryGateway} fixtures hand to handlers: it checks what the server's gateway checks (the
 * capability table through {@link HandlerScope}, the JSON-B round trip of the query) and answers with the
 * stub registered for the query's class, read back into the query's declared answer type as the server
 * does. A query without a stub fails with {@link HandlerNotFoundException}, as in a deployment without the
 * projection.
 */
final class StubbingQueryGateway implements QueryGateway {

    private final FixtureCodec codec;
    private final Stubs stubs;

    StubbingQueryGateway(FixtureCodec codec, Stubs stubs) {
        this.codec = codec;
        this.stubs = stubs;
    }

    @Override
    public <R> CompletableFuture<R> query(Query<R> query) {
        return query(query, Metadata.empty(), null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> query(Query<R> query, Metadata metadata, Duration timeout) {
        try {
            HandlerScope.checkMayQuery();
            if (query == null) {
                throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code()
                        + " the query is null. Fix: pass a query instance");
            }
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("A query timeout must be positive, got " + timeout);
            }
            Type answerType = PayloadTypes.answerTypeOf(query.getClass()).orElseThrow(
                    () -> new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " the query "
                            + query.getClass().getName() + " declares no answer type. Fix: implement Query<R> "
                            + "with a concrete R"));
            Query<R> received = codec.roundTrip(query);
            Function<Object, ?> stub = stubs.query(query.getClass()).orElseThrow(
                    () -> new HandlerNotFoundException(ErrorCode.HANDLER_NOT_FOUND.code() + " no answer for the query "
                            + query.getClass().getName() + " in this fixture. Fix: stub it with .stubQuery("
                            + query.getClass().getSimpleName() + ".class, query -> answer)"));
            Object answer = stub.apply(received);
            return CompletableFuture.completedFuture(
                    (R) codec.roundTripValue(answer, answerType, "answer to " + query.getClass().getSimpleName()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <R> R queryAndWait(Query<R> query) {
        return RecordingCommandGateway.await(query(query, Metadata.empty(), null));
    }

    @Override
    public <R> R queryAndWait(Query<R> query, Metadata metadata, Duration timeout) {
        return RecordingCommandGateway.await(query(query, metadata, timeout));
    }
}
