package io.recq.cdi.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One RECQ component of a deployment: its class, kind, handlers and settings.
 */
public final class ComponentModel {

    private final Class<?> componentClass;
    private final ComponentKind kind;
    private final List<HandlerMethod> handlers;
    private final Map<HandlerKind, Map<Class<?>, HandlerMethod>> byKindAndPayload;
    private final Class<?> stateType;
    private final int snapshotFrequency;
    private final int version;
    private final List<String> contexts;

    ComponentModel(Class<?> componentClass, ComponentKind kind, List<HandlerMethod> handlers, Class<?> stateType,
            int snapshotFrequency, int version, List<String> contexts) {
        this.componentClass = componentClass;
        this.kind = kind;
        this.handlers = List.copyOf(handlers);
        this.stateType = stateType;
        this.snapshotFrequency = snapshotFrequency;
        this.version = version;
        this.contexts = List.copyOf(contexts);
        Map<HandlerKind, Map<Class<?>, HandlerMethod>> index = new LinkedHashMap<>();
        for (HandlerMethod h : this.handlers) {
            index.computeIfAbsent(h.kind(), k -> new LinkedHashMap<>()).putIfAbsent(h.payloadType(), h);
        }
        index.replaceAll((k, v) -> Collections.unmodifiableMap(v));
        this.byKindAndPayload = Collections.unmodifiableMap(index);
    }

    public Class<?> componentClass() {
        return componentClass;
    }

    public ComponentKind kind() {
        return kind;
    }

    /**
     * @return the component's name as used for consumer identities and in messages: the class's simple name
     */
    public String name() {
        return componentClass.getSimpleName();
    }

    public List<HandlerMethod> handlers() {
        return handlers;
    }

    /**
     * @param handlerKind a handler kind
     * @return the handlers of that kind
     */
    public List<HandlerMethod> handlers(HandlerKind handlerKind) {
        return new ArrayList<>(byKindAndPayload.getOrDefault(handlerKind, Map.of()).values());
    }

    /**
     * @param handlerKind a handler kind
     * @param payloadType a payload class
     * @return the handler of that kind for exactly that payload class
     */
    public Optional<HandlerMethod> handler(HandlerKind handlerKind, Class<?> payloadType) {
        return Optional.ofNullable(byKindAndPayload.getOrDefault(handlerKind, Map.of()).get(payloadType));
    }

    /**
     * @return the state class of an aggregate or saga ({@code null} for other kinds, or an aggregate whose
     *         handlers never use a state)
     */
    public Class<?> stateType() {
        return stateType;
    }

    /**
     * @return aggregates: snapshot every this many events, or -1 for never
     */
    public int snapshotFrequency() {
        return snapshotFrequency;
    }

    /**
     * @return projectors, sagas and observers: the consumer version; 1 for other kinds
     */
    public int version() {
        return version;
    }

    /**
     * @return projectors: the consumed contexts ({@code "*"} for all); empty for other kinds
     */
    public List<String> contexts() {
        return contexts;
    }

    /**
     * @param context an event context
     * @return whether this projector consumes events of that context
     */
    public boolean consumesContext(String context) {
        return contexts.isEmpty() || contexts.contains("*") || contexts.contains(context);
    }

    @Override
    public String toString() {
        return kind.displayName() + " " + componentClass.getName() + " " + handlers;
    }
}
