package io.recq.cdi.event;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.recq.api.CommandGateway;
import io.recq.api.Event;
import io.recq.api.Payload;
import io.recq.api.ProjectorStatus;
import io.recq.api.QueryGateway;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.serialization.PayloadCodec;
import io.recq.cdi.spi.StoredEvent;
import io.recq.cdi.telemetry.Telemetry;

/**
 * What one consumer does with one event: which handler takes it, and how it is run. An
 * {@link EventTracker} feeds it events in global order and runs it inside or outside the transaction that
 * moves its position ({@link #transactional()}).
 */
public abstract class EventConsumer {

    /**
     * What every consumer needs from the deployment.
     *
     * @param codec reads event payloads into registered classes and saga states
     * @param components the CDI contextual instance of a component class
     * @param commandGateway the deployment's command gateway
     * @param queryGateway the deployment's query gateway
     * @param telemetry reports a span and a duration for each handled event
     */
    public record Resources(PayloadCodec codec, Function<Class<?>, Object> components, CommandGateway commandGateway,
            QueryGateway queryGateway, Telemetry telemetry) {

        public Resources {
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(components, "components");
            Objects.requireNonNull(telemetry, "telemetry");
        }

        /**
         * Resources without telemetry.
         *
         * @param codec reads event payloads into registered classes and saga states
         * @param components the CDI contextual instance of a component class
         * @param commandGateway the deployment's command gateway
         * @param queryGateway the deployment's query gateway
         */
        public Resources(PayloadCodec codec, Function<Class<?>, Object> components, CommandGateway commandGateway,
                QueryGateway queryGateway) {
            this(codec, components, commandGateway, queryGateway, Telemetry.OFF);
        }
    }

    private final ConsumerId id;
    private final ComponentModel component;
    private final HandlerKind handlerKind;
    private final Function<String, Optional<Class<? extends Payload>>> payloadTypes;
    /** What the consumer needs from the deployment. */
    protected final Resources resources;

    /**
     * @param id the consumer's identity
     * @param component the projector, saga or observer
     * @param handlerKind the kind of its handlers
     * @param payloadTypes the registered payload classes by logical name
     * @param resources what the consumer needs from the deployment
     */
    protected EventConsumer(ConsumerId id, ComponentModel component, HandlerKind handlerKind,
            Function<String, Optional<Class<? extends Payload>>> payloadTypes, Resources resources) {
        this.id = Objects.requireNonNull(id, "id");
        this.component = Objects.requireNonNull(component, "component");
        this.handlerKind = Objects.requireNonNull(handlerKind, "handlerKind");
        this.payloadTypes = Objects.requireNonNull(payloadTypes, "payloadTypes");
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    /**
     * @return the consumer's identity
     */
    public ConsumerId id() {
        return id;
    }

    /**
     * @return the component
     */
    public ComponentModel component() {
        return component;
    }

    /**
     * @param head the highest committed sequence when the consumer is first seen
     * @return the position of a new consumer: 0 replays every event, {@code head} starts at the head
     */
    public abstract long initialPosition(long head);

    /**
     * @return whether handlers run inside the transaction that moves the position (projectors and sagas), or
     *         before it, outside any transaction, with deduplication per event (observers)
     */
    public boolean transactional() {
        return true;
    }

    /**
     * @param event a stored event
     * @return the handler that takes it; empty when this consumer does not consume its context or type (or the
     *         type is not a payload class of this deployment)
     */
    public Optional<HandlerMethod> handlerFor(StoredEvent event) {
        if (!id.consumes(event.context())) {
            return Optional.empty();
        }
        return payloadTypes.apply(event.payloadName())
                .flatMap(type -> component.handler(handlerKind, type));
    }

    /**
     * Reads the event and runs the handler.
     *
     * @param event the stored event
     * @param handler its handler, from {@link #handlerFor}
     * @param headReached whether the consumer has reached the head of the stream with this event
     * @throws Exception the handler's own exception, or why the event could not be read
     */
    public final void handle(StoredEvent event, HandlerMethod handler, boolean headReached) throws Exception {
        Payload payload = resources.codec().readPayload(event.payloadName(), event.json());
        StoredEventMessage<Event> message = new StoredEventMessage<>(event.sequence(), event.aggregateId(),
                event.aggregateVersion(), event.context(), event.timestamp(), event.metadata(), (Event) payload);
        ProjectorStatus status = () -> headReached;
        HandlerArguments arguments = HandlerArguments.of(payload)
                .metadata(event.metadata())
                .timestamp(event.timestamp())
                .eventMessage(message)
                .projectorStatus(status)
                .commandGateway(resources.commandGateway())
                .queryGateway(resources.queryGateway());
        Telemetry telemetry = resources.telemetry();
        if (!telemetry.enabled()) {
            handle(message, handler, arguments);
            return;
        }
        try (Telemetry.Handling handling = telemetry.handle(Telemetry.Kind.EVENT, event.payloadName(),
                component.name(), event.aggregateId(), String.valueOf(event.sequence()), event.metadata(),
                id.toString())) {
            try {
                handle(message, handler, arguments);
            } catch (Exception | Error e) {
                handling.failed(e);
                throw e;
            }
        }
    }

    /**
     * Runs the handler for one event.
     *
     * @param message the event with its envelope
     * @param handler the handler
     * @param arguments what the handler may receive
     * @throws Exception the handler's own exception
     */
    protected abstract void handle(StoredEventMessage<Event> message, HandlerMethod handler, HandlerArguments arguments)
            throws Exception;

    /**
     * @return the component's contextual instance
     */
    protected Object target() {
        return resources.components().apply(component.componentClass());
    }

    /**
     * Calls a handler, rethrowing what it throws.
     *
     * @param handler the handler
     * @param target the component instance
     * @param arguments the arguments
     * @return what it returned
     * @throws Exception the handler's exception
     */
    protected static Object invoke(HandlerMethod handler, Object target, HandlerArguments arguments)
            throws Exception {
        try {
            return handler.invoke(target, arguments);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(handler.describe() + " threw " + t, t);
        }
    }

    @Override
    public String toString() {
        return id.key();
    }
}
