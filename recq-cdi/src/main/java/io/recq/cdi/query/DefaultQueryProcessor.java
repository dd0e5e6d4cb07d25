package io.recq.cdi.query;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import io.recq.api.HandlerNotFoundException;
import io.recq.api.Payload;
import io.recq.api.Query;
import io.recq.api.RecqException;
import io.recq.api.Single;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.model.PayloadTypes;
import io.recq.cdi.runtime.ComponentInstances;
import io.recq.cdi.runtime.DefaultCommandGateway;
import io.recq.cdi.runtime.DefaultQueryGateway;
import io.recq.cdi.runtime.HandlerScope;
import io.recq.cdi.runtime.RecqRuntime;
import io.recq.cdi.spi.IncomingQuery;
import io.recq.cdi.spi.QueryOutcome;
import io.recq.cdi.spi.QueryProcessor;
import io.recq.cdi.telemetry.RecqTelemetry;
import io.recq.cdi.telemetry.Telemetry;

/**
 * Answers received queries with the deployment's {@code @QueryHandler}s.
 *
 * <p>The query is read only into its registered class; the handler runs as a {@code @Projection} in
 * {@link HandlerScope} (so it may send queries but not commands), inside an active request context and
 * without a transaction; its answer is written with JSON-B. A handler's exception is returned as the
 * outcome's failure, unchanged, for the transport to carry back to the caller.
 */
@ApplicationScoped
public class DefaultQueryProcessor implements QueryProcessor {

    private static final Logger LOG = Logger.getLogger(DefaultQueryProcessor.class.getName());

    private RecqRuntime runtime;
    private BeanManager beanManager;
    private ComponentInstances instances;
    private DefaultCommandGateway commandGateway;
    private DefaultQueryGateway queryGateway;
    private Instance<RequestContextController> requestContexts;
    private RecqTelemetry telemetry;
    private final Map<Class<?>, Bean<?>> beans = new ConcurrentHashMap<>();

    protected DefaultQueryProcessor() {
        // for the proxy
    }

    @Inject
    public DefaultQueryProcessor(RecqRuntime runtime, BeanManager beanManager, ComponentInstances instances,
            DefaultCommandGateway commandGateway, DefaultQueryGateway queryGateway,
            Instance<RequestContextController> requestContexts, RecqTelemetry telemetry) {
        this.runtime = runtime;
        this.telemetry = telemetry;
        this.beanManager = beanManager;
        this.instances = instances;
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.requestContexts = requestContexts;
    }

    @Override
    public QueryOutcome process(IncomingQuery query) {
        Telemetry reporting = telemetry.get();
        if (!reporting.enabled()) {
            return handle(query);
        }
        String component = handlerOf(query.payloadName())
                .flatMap(handler -> runtime.model().component(handler.componentClass()))
                .map(ComponentModel::name).orElse(null);
        try (Telemetry.Handling handling = reporting.handle(Telemetry.Kind.QUERY, query.payloadName(), component,
                null, query.messageId(), query.metadata(), null)) {
            QueryOutcome outcome = handle(query);
            if (outcome.failure() != null) {
                handling.failed(outcome.failure());
            }
            return outcome;
        }
    }

    private QueryOutcome handle(IncomingQuery query) {
        Optional<HandlerMethod> found = handlerOf(query.payloadName());
        if (found.isEmpty()) {
            return new QueryOutcome(null, new HandlerNotFoundException(ErrorCode.HANDLER_NOT_FOUND.code()
                    + " no @QueryHandler for the query '" + query.payloadName() + "' in this deployment. Fix: "
                    + "deploy the @Projection that answers it on every node consuming the query destination"));
        }
        HandlerMethod handler = found.get();
        Payload payload;
        try {
            payload = runtime.codec().readIncoming(query.payloadName(), query.json());
        } catch (RecqException e) {
            return new QueryOutcome(null, e);
        }
        Object answer;
        try {
            answer = invoke(handler, payload, query);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(Level.FINE, e, () -> handler.describe() + " failed for query " + query.messageId());
            return new QueryOutcome(null, e);
        }
        if (answer == null && PayloadTypes.rawClass(handler.returnType()) == Single.class) {
            answer = Single.empty();
        }
        try {
            return new QueryOutcome(answer == null ? "null" : runtime.codec().writeValue(answer), null);
        } catch (RecqException e) {
            return new QueryOutcome(null, e);
        }
    }

    private Optional<HandlerMethod> handlerOf(String payloadName) {
        if (payloadName == null) {
            return Optional.empty();
        }
        return runtime.model().payloadType(payloadName)
                .filter(Query.class::isAssignableFrom)
                .flatMap(type -> runtime.model().queryHandler(type));
    }

    private Object invoke(HandlerMethod handler, Payload payload, IncomingQuery query) throws Throwable {
        HandlerArguments arguments = HandlerArguments.of(payload)
                .metadata(query.metadata())
                .timestamp(query.timestamp() == null ? Instant.now() : query.timestamp())
                .commandGateway(commandGateway)
                .queryGateway(queryGateway);
        HandlerScope.Frame frame = new HandlerScope.Frame(ComponentKind.PROJECTION, handler.describe(),
                query.messageId(), query.metadata());
        RequestContextController requestContext = requestContexts.get();
        boolean activated = requestContext.activate();
        Bean<?> bean = beanOf(handler.componentClass());
        CreationalContext<?> creationalContext = beanManager.createCreationalContext(bean);
        try {
            Object component = beanManager.getReference(bean, handler.componentClass(), creationalContext);
            return HandlerScope.call(frame, () -> {
                try {
                    return handler.invoke(component, arguments);
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new UndeclaredThrowableException(t);
                }
            });
        } finally {
            if (bean.getScope() == Dependent.class) {
                creationalContext.release();
            }
            if (activated) {
                requestContext.deactivate();
            }
            requestContexts.destroy(requestContext);
        }
    }

    private Bean<?> beanOf(Class<?> componentClass) {
        return beans.computeIfAbsent(componentClass, instances::bean);
    }

}
