package io.recq.cdi.event.saga;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import java.util.Optional;

import io.recq.api.Event;
import io.recq.api.InvalidPayloadException;
import io.recq.api.SagaState;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.runtime.HandlerScope;

/**
 * Runs events through one saga component with the RECQ rules:
 *
 * <ul>
 * <li><b>Routing.</b> {@link #route(Event)} picks the handler for the event's class and reads the value of
 * its {@code associationProperty} in the event ({@link HandlerMethod#associationValue(Object)}). A
 * non-{@code init} event reaches every stored instance whose association for that property equals the
 * value ({@link SagaRoute#matches(SagaState)}); none, when no instance matches or the event has no value.
 * An {@code init} event always starts a new instance and reaches no existing one.</li>
 * <li><b>Handlers</b> run inside a {@link HandlerScope} frame of a {@code @Saga}, so their gateways enforce
 * the capability table and carry correlation. A handler returns the new state, or returns {@code void}
 * after mutating the state it was given; a handler that returns {@code null} leaves the state it was given.
 * </li>
 * <li><b>Starting.</b> An {@code init} handler receives {@code null} as state when it returns the state
 * itself, or a fresh state created with the state class's no-argument constructor when it returns
 * {@code void}. The new instance is associated with the event's association value (before the call for a
 * fresh state, so that the handler sees it; after the call when the handler did not set it). An
 * {@code init} handler that returns {@code null} starts nothing.</li>
 * <li><b>Ending.</b> A state that {@link SagaState#isEnded() is ended} after the handler is to be removed by
 * the caller.</li>
 * </ul>
 *
 * <p>The engine keeps nothing between calls and knows no store; a failing handler's exception is thrown
 * unchanged, and the caller then keeps the instance as it was. The server runtime and the test kit both use
 * this class.
 */
public final class SagaEngine {

    private final ComponentModel saga;

    /**
     * @param saga the model of a {@code @Saga} component
     * @throws IllegalArgumentException when the component is not a saga
     */
    public SagaEngine(ComponentModel saga) {
        this.saga = Objects.requireNonNull(saga, "saga");
        if (saga.kind() != ComponentKind.SAGA) {
            throw new IllegalArgumentException(saga.componentClass().getName() + " is an @"
                    + saga.kind().displayName() + ", not a @Saga");
        }
    }

    /**
     * @return the saga's model
     */
    public ComponentModel model() {
        return saga;
    }

    /**
     * @param event an event
     * @return where it goes in this saga; empty when the saga has no handler for its class
     */
    public Optional<SagaRoute> route(Event event) {
        Objects.requireNonNull(event, "event");
        return saga.handler(HandlerKind.SAGA_EVENT, event.getClass())
                .map(h -> new SagaRoute(h, h.associationProperty(), h.associationValue(event)));
    }

    /**
     * @return a fresh state created with the state class's no-argument constructor
     * @throws IllegalStateException when the state class cannot be instantiated
     */
    public SagaState newState() {
        Class<?> type = saga.stateType();
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.trySetAccessible();
            return (SagaState) constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("The state class " + type.getName() + " of " + saga.name()
                    + " has no no-argument constructor. Fix: add a public one", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("The constructor of the state class " + type.getName() + " of "
                    + saga.name() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create the state class " + type.getName() + " of "
                    + saga.name() + ": " + e + ". Fix: make it a public class with a public no-argument constructor",
                    e);
        }
    }

    /**
     * Delivers an event to one saga instance, or starts one.
     *
     * @param target the saga component instance
     * @param route the route of the event, from {@link #route(Event)}
     * @param current the instance the event reaches; {@code null} for an {@code init} route
     * @param messageId the id of the event message, for correlation of what the handler sends
     * @param event the event, with the metadata, timestamp, event message and gateways the handler may
     *        receive; its state is set here
     * @return the instance's state after the handler (to be removed when {@link SagaState#isEnded() ended}),
     *         or {@code null} when an {@code init} handler started nothing
     * @throws InvalidPayloadException when an {@code init} event has no value for its association property
     * @throws Exception the handler's own exception, unchanged
     */
    public SagaState handle(Object target, SagaRoute route, SagaState current, String messageId,
            HandlerArguments event) throws Exception {
        HandlerMethod handler = route.handler();
        if (!handler.componentClass().equals(saga.componentClass())) {
            throw new IllegalArgumentException("The route " + handler.describe() + " is not one of " + saga.name());
        }
        SagaState given = current;
        if (route.isInit()) {
            if (current != null) {
                throw new IllegalArgumentException(handler.describe() + " starts a new instance: pass no state");
            }
            if (route.value() == null) {
                throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " " + handler.describe()
                        + ": the event " + event.payload().getClass().getSimpleName() + " has no value for its "
                        + "associationProperty '" + route.property() + "', so the new saga instance cannot be "
                        + "associated. Fix: publish the event with a " + route.property());
            }
            if (handler.returnsVoid()) {
                given = newState();
                given.setAssociation(route.property(), route.value());
            }
        } else if (current == null) {
            throw new IllegalArgumentException(handler.describe() + " needs the state of the instance it reaches");
        }
        event.state(given);
        Object returned = HandlerScope.call(
                new HandlerScope.Frame(ComponentKind.SAGA, handler.describe(), messageId, event.metadata()),
                () -> invoke(handler, target, event));
        SagaState after = returned != null ? (SagaState) returned : given;
        if (after != null && route.isInit() && after.getAssociation(route.property()).isEmpty()) {
            after.setAssociation(route.property(), route.value());
        }
        return after;
    }

    private static Object invoke(HandlerMethod handler, Object target, HandlerArguments arguments) throws Exception {
        try {
            return handler.invoke(target, arguments);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(handler.describe() + " threw " + t, t);
        }
    }
}
