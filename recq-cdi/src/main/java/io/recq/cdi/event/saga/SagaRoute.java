package io.recq.cdi.event.saga;

import java.util.Objects;

import io.recq.api.SagaState;
import io.recq.cdi.model.HandlerMethod;

/**
 * Where one event goes in a saga: the handler for its class, and the association (property and value)
 * that selects the instances it reaches. An {@code init} handler starts a new instance instead, which is
 * then associated with this property and value.
 *
 * @param handler the saga's handler for the event's class
 * @param property the handler's {@code associationProperty}
 * @param value the value of that property in the event, as a string; {@code null} when the event has none,
 *        in which case the event reaches no existing instance
 */
public record SagaRoute(HandlerMethod handler, String property, String value) {

    public SagaRoute {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(property, "property");
    }

    /**
     * @return whether the handler starts a new saga instance
     */
    public boolean isInit() {
        return handler.isInit();
    }

    /**
     * @param instance the state of a stored saga instance
     * @return whether the event reaches it: its association for {@link #property()} equals {@link #value()}
     */
    public boolean matches(SagaState instance) {
        return value != null && instance != null && instance.getAssociation(property).filter(value::equals)
                .isPresent();
    }
}
