package io.recq.cdi.command.aggregate;

import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.Metadata;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.runtime.HandlerScope;

/**
 * Runs one aggregate component: applies events to its state with the {@code @EventSourcingHandler}s, and
 * runs an {@code @AggregateCommandHandler} against the current state under the lifecycle rules. Plain Java:
 * the caller supplies the component instance and does the loading and storing.
 */
public final class AggregateEngine {

    private final ComponentModel aggregate;
    private final Object target;

    /**
     * @param aggregate the aggregate's model
     * @param target the component instance the handlers are called on
     */
    public AggregateEngine(ComponentModel aggregate, Object target) {
        if (aggregate.kind() != ComponentKind.AGGREGATE) {
            throw new IllegalArgumentException(aggregate.componentClass().getName() + " is not an aggregate");
        }
        this.aggregate = aggregate;
        this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * @return the aggregate's model
     */
    public ComponentModel aggregate() {
        return aggregate;
    }

    /**
     * @param eventType an event class
     * @return the event-sourcing handler of that class, if the aggregate declares one
     */
    public Optional<HandlerMethod> eventSourcingHandler(Class<?> eventType) {
        return aggregate.handler(HandlerKind.EVENT_SOURCING, eventType);
    }

    /**
     * Applies one event to a state. An event without an event-sourcing handler leaves the state as it is.
     * A handler that returns {@code void} mutates the given state; given none, it receives a new instance
     * of the state class made with its no-argument constructor.
     *
     * @param state the state before the event, or {@code null}
     * @param event the event
     * @param metadata the event's metadata
     * @param timestamp the event's timestamp
     * @return the state after the event
     * @throws Throwable what the event-sourcing handler threw
     */
    public Object apply(Object state, DomainEvent event, Metadata metadata, Instant timestamp) throws Throwable {
        Optional<HandlerMethod> found = eventSourcingHandler(event.getClass());
        if (found.isEmpty()) {
            return state;
        }
        HandlerMethod handler = found.get();
        Object current = state;
        if (handler.returnsVoid() && current == null) {
            current = newState(handler);
        }
        Object returned = handler.invoke(target, HandlerArguments.of(event).state(current).metadata(metadata)
                .timestamp(timestamp));
        return handler.returnsVoid() ? current : returned;
    }

    /**
     * Runs a command handler against an instance: checks the lifecycle, calls the handler inside a
     * {@link HandlerScope} frame, then applies the events it produced.
     *
     * @param handler the aggregate command handler of {@code command}
     * @param instance the current instance
     * @param arguments the arguments (payload, metadata, timestamp, gateways); the state is set here
     * @param messageId the id of the command message
     * @param eventMetadata the metadata the produced events carry
     * @param eventTimestamp the timestamp the produced events carry
     * @return the produced events and the state after them
     * @throws Throwable a lifecycle exception, or what the command or event-sourcing handler threw
     */
    public Decision handle(HandlerMethod handler, AggregateInstance instance, HandlerArguments arguments,
            String messageId, Metadata eventMetadata, Instant eventTimestamp) throws Throwable {
        if (!(arguments.payload() instanceof DomainCommand)) {
            throw new IllegalArgumentException("not a domain command: " + arguments.payload());
        }
        AggregateLifecycle.check(handler, instance);
        arguments.state(instance.state());
        HandlerScope.Frame frame = new HandlerScope.Frame(ComponentKind.AGGREGATE, handler.describe(), messageId,
                arguments.metadata());
        Object returned = HandlerScope.call(frame, () -> invoke(handler, arguments));
        List<DomainEvent> events = eventsOf(handler, returned);
        Object state = instance.state();
        for (DomainEvent event : events) {
            state = apply(state, event, eventMetadata, eventTimestamp);
        }
        return new Decision(events, state);
    }

    /**
     * What a command handler decided.
     *
     * @param events the events it produced, in order
     * @param state the state after them
     */
    public record Decision(List<DomainEvent> events, Object state) {

        public Decision {
            events = List.copyOf(events);
        }
    }

    private Object invoke(HandlerMethod handler, HandlerArguments arguments) throws Exception {
        try {
            return handler.invoke(target, arguments);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            // a Throwable that is neither an Exception nor an Error: keep it as the cause
            throw new IllegalStateException(handler.describe() + " threw " + t, t);
        }
    }

    private static List<DomainEvent> eventsOf(HandlerMethod handler, Object returned) {
        if (returned == null) {
            return List.of();
        }
        if (returned instanceof DomainEvent event) {
            return List.of(event);
        }
        if (returned instanceof Collection<?> collection) {
            List<DomainEvent> events = new ArrayList<>(collection.size());
            for (Object element : collection) {
                if (!(element instanceof DomainEvent event)) {
                    throw new IllegalStateException(ErrorCode.WRONG_RETURN_TYPE.code() + " " + handler.describe()
                            + " returned a list holding " + (element == null ? "null"
                                    : element.getClass().getName()) + ". Fix: return only DomainEvents");
                }
                events.add(event);
            }
            return events;
        }
        throw new IllegalStateException(ErrorCode.WRONG_RETURN_TYPE.code() + " " + handler.describe() + " returned "
                + returned.getClass().getName() + ". Fix: return a DomainEvent or a List of DomainEvents");
    }

    private Object newState(HandlerMethod handler) {
        Class<?> type = aggregate.stateType();
        if (type == null) {
            return null;
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.trySetAccessible();
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(ErrorCode.STATE_NOT_CREATABLE.code() + " " + handler.describe()
                    + " returns void, so it needs a " + type.getName() + " to mutate, but none can be created: "
                    + e + ". Fix: give " + type.getSimpleName() + " a public no-argument constructor, or return "
                    + "the new state from the handler", e);
        }
    }
}
