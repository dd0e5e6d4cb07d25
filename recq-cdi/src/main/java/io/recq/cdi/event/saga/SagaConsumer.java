package io.recq.cdi.event.saga;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.recq.api.Event;
import io.recq.api.Payload;
import io.recq.api.SagaState;
import io.recq.cdi.event.ConsumerId;
import io.recq.cdi.event.EventConsumer;
import io.recq.cdi.event.StoredEventMessage;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.spi.SagaInstance;
import io.recq.cdi.spi.SagaStore;

/**
 * One saga as an event consumer, running the {@link SagaEngine} over the instances in a {@link SagaStore}.
 * Everything happens in the transaction that moves the saga's position: an {@code init} event stores a new
 * instance, a later event loads the instances associated with its value, and each instance is saved with its
 * new state and associations, or removed once ended. Commands a handler sends through its gateway are JMS
 * sends enlisted in the same transaction, delivered only if it commits. A new saga starts at the head of the
 * stream.
 */
public final class SagaConsumer extends EventConsumer {

    private final SagaEngine engine;
    private final SagaStore store;

    /**
     * @param saga the saga
     * @param payloadTypes the registered payload classes by logical name
     * @param resources what the consumer needs from the deployment
     * @param store the saga instances
     */
    public SagaConsumer(ComponentModel saga, Function<String, Optional<Class<? extends Payload>>> payloadTypes,
            Resources resources, SagaStore store) {
        super(ConsumerId.of(saga, ConsumerId.ALL_CONTEXTS), saga, HandlerKind.SAGA_EVENT, payloadTypes, resources);
        if (saga.kind() != ComponentKind.SAGA) {
            throw new IllegalArgumentException(saga.componentClass().getName() + " is not a @Saga");
        }
        this.engine = new SagaEngine(saga);
        this.store = store;
    }

    @Override
    public long initialPosition(long head) {
        return head;
    }

    @Override
    protected void handle(StoredEventMessage<Event> message, HandlerMethod handler, HandlerArguments arguments)
            throws Exception {
        Optional<SagaRoute> found = engine.route(message.payload());
        if (found.isEmpty()) {
            return;
        }
        SagaRoute route = found.get();
        Object target = target();
        String type = component().name();
        if (route.isInit()) {
            SagaState started = engine.handle(target, route, null, message.messageId(), arguments);
            if (started != null && !started.isEnded()) {
                store.save(new SagaInstance(UUID.randomUUID().toString(), type,
                        resources.codec().writeValue(started), started.getAssociations()));
            }
            return;
        }
        if (route.value() == null) {
            return;
        }
        for (SagaInstance instance : store.findByAssociation(type, route.property(), route.value())) {
            SagaState state = resources.codec().readValue(instance.stateJson(), component().stateType());
            if (!route.matches(state)) {
                continue;
            }
            HandlerArguments own = copy(arguments);
            SagaState after = engine.handle(target, route, state, message.messageId(), own);
            if (after.isEnded()) {
                store.delete(instance.sagaId());
            } else {
                store.save(new SagaInstance(instance.sagaId(), type, resources.codec().writeValue(after),
                        after.getAssociations()));
            }
        }
    }

    private static HandlerArguments copy(HandlerArguments arguments) {
        return HandlerArguments.of(arguments.payload())
                .metadata(arguments.metadata())
                .timestamp(arguments.timestamp())
                .eventMessage(arguments.eventMessage())
                .projectorStatus(arguments.projectorStatus())
                .commandGateway(arguments.commandGateway())
                .queryGateway(arguments.queryGateway());
    }
}
