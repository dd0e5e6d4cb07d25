package io.recq.cdi.event;

import java.util.Objects;

import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;

/**
 * The identity of an event consumer, under which the store keeps its position and lease: the component's
 * kind, name and version, and for projectors the context it consumes ({@code "*"} for all). A new version is
 * a new consumer: a projector replays from the first event, a saga or an observer starts at the head.
 *
 * @param kind projector, saga or observer
 * @param name the component's simple class name
 * @param version the component's version
 * @param context the consumed context, {@code "*"} for all
 */
public record ConsumerId(ComponentKind kind, String name, int version, String context) {

    /** The context of a consumer of every context. */
    public static final String ALL_CONTEXTS = "*";

    public ConsumerId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
    }

    /**
     * @param component a projector, saga or observer
     * @param context the consumed context
     * @return its consumer id
     */
    public static ConsumerId of(ComponentModel component, String context) {
        return new ConsumerId(component.kind(), component.name(), component.version(), context);
    }

    /**
     * @param event an event's context
     * @return whether this consumer consumes it
     */
    public boolean consumes(String event) {
        return ALL_CONTEXTS.equals(context) || context.equals(event);
    }

    /**
     * @return the key in the store: {@code Projector:TodoListProjector:v1:*}
     */
    public String key() {
        return kind.displayName() + ":" + name + ":v" + version + ":" + context;
    }

    @Override
    public String toString() {
        return key();
    }
}
