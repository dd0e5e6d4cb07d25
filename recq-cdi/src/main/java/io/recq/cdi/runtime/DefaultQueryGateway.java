package io.recq.cdi.runtime;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.api.Query;
import io.recq.api.QueryGateway;
import io.recq.api.RecqException;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.PayloadTypes;
import io.recq.cdi.service.ServiceRegistry;
import io.recq.cdi.spi.QueryBus;
import io.recq.cdi.spi.QueryRequest;
import io.recq.cdi.telemetry.RecqTelemetry;
import io.recq.cdi.telemetry.Telemetry;

/**
 * The {@link QueryGateway} of a deployment: checks the sender's capability and the query, serialises it,
 * adds correlation metadata, and hands it to the transport's {@link QueryBus}.
 */
@ApplicationScoped
public class DefaultQueryGateway implements QueryGateway {

    private RecqRuntime runtime;
    private RecqConfig config;
    private Instance<QueryBus> buses;
    private ServiceRegistry registry;
    private RecqTelemetry telemetry;

    protected DefaultQueryGateway() {
        // for the proxy
    }

    @Inject
    public DefaultQueryGateway(RecqRuntime runtime, RecqConfig config, Instance<QueryBus> buses,
            ServiceRegistry registry, RecqTelemetry telemetry) {
        this.registry = registry;
        this.telemetry = telemetry;
        this.runtime = runtime;
        this.config = config;
        this.buses = buses;
    }

    @Override
    public <R> CompletableFuture<R> query(Query<R> query) {
        return query(query, Metadata.empty(), null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> query(Query<R> query, Metadata metadata, Duration timeout) {
        try {
            QueryRequest request = prepare(query, metadata, timeout);
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
    public <R> R queryAndWait(Query<R> query) {
        return Futures.await(query(query, Metadata.empty(), null));
    }

    @Override
    public <R> R queryAndWait(Query<R> query, Metadata metadata, Duration timeout) {
        return Futures.await(query(query, metadata, timeout));
    }

    private CompletableFuture<Object> traced(Telemetry reporting, QueryRequest request) {
        Telemetry.Request traced = reporting.request(Telemetry.Kind.QUERY, request.payloadName(), request.service(),
                null, request.messageId());
        return traced.follow(() -> bus().dispatch(new QueryRequest(request.messageId(), request.query(),
                request.payloadName(), request.json(), request.answerType(), traced.inject(request.metadata()),
                request.timeout(), request.service())));
    }

    private QueryRequest prepare(Query<?> query, Metadata metadata, Duration timeout) {
        HandlerScope.checkMayQuery();
        if (query == null) {
            throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code()
                    + " the query is null. Fix: pass a query instance");
        }
        String service = registry.target(true, query.getClass());
        Type answerType = PayloadTypes.answerTypeOf(query.getClass()).orElseThrow();
        String json = runtime.codec().writePayload(query);
        Duration effective = timeout == null ? config.queryTimeout() : timeout;
        if (effective.isNegative() || effective.isZero()) {
            throw new IllegalArgumentException("A query timeout must be positive, got " + effective);
        }
        return new QueryRequest(UUID.randomUUID().toString(), query, PayloadTypes.logicalName(query.getClass()), json,
                answerType, HandlerScope.outgoing(metadata), effective, service);
    }

    private QueryBus bus() {
        if (buses.isUnsatisfied()) {
            throw new RecqException("No query transport is deployed. Fix: add recq-jms to the deployment "
                    + "(EAR/lib or WEB-INF/lib)");
        }
        return buses.get();
    }
}
