package io.recq.cdi.model;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.recq.api.Command;
import io.recq.api.Event;
import io.recq.api.Payload;
import io.recq.api.Query;

/**
 * The immutable model of a deployment: every component, for each command and query its one handler, for
 * each event type its consumers, and the payload classes (logical name to class) the deployment may
 * receive. Built once at deployment by {@link Builder}, which also checks the global routing rules.
 */
public final class RecqModel {

    private final List<ComponentModel> components;
    private final Map<Class<?>, HandlerMethod> commandHandlers;
    private final Map<Class<?>, HandlerMethod> queryHandlers;
    private final Map<Class<?>, List<HandlerMethod>> eventHandlers;
    private final Map<String, Class<? extends Payload>> payloadTypes;
    private final Map<Class<?>, ComponentModel> byClass;

    private RecqModel(List<ComponentModel> components, Map<Class<?>, HandlerMethod> commandHandlers,
            Map<Class<?>, HandlerMethod> queryHandlers, Map<Class<?>, List<HandlerMethod>> eventHandlers,
            Map<String, Class<? extends Payload>> payloadTypes) {
        this.components = List.copyOf(components);
        this.commandHandlers = Collections.unmodifiableMap(commandHandlers);
        this.queryHandlers = Collections.unmodifiableMap(queryHandlers);
        Map<Class<?>, List<HandlerMethod>> events = new LinkedHashMap<>();
        eventHandlers.forEach((k, v) -> events.put(k, List.copyOf(v)));
        this.eventHandlers = Collections.unmodifiableMap(events);
        this.payloadTypes = Collections.unmodifiableMap(payloadTypes);
        Map<Class<?>, ComponentModel> index = new LinkedHashMap<>();
        components.forEach(c -> index.put(c.componentClass(), c));
        this.byClass = Collections.unmodifiableMap(index);
    }

    /**
     * @return a builder that collects components and checks the global rules
     */
    public static Builder builder() {
        return new Builder();
    }

    public List<ComponentModel> components() {
        return components;
    }

    /**
     * @param kind a component kind
     * @return the components of that kind
     */
    public List<ComponentModel> components(ComponentKind kind) {
        return components.stream().filter(c -> c.kind() == kind).toList();
    }

    /**
     * @param componentClass a bean class
     * @return its component model
     */
    public Optional<ComponentModel> component(Class<?> componentClass) {
        return Optional.ofNullable(byClass.get(componentClass));
    }

    /**
     * @param commandType a command class
     * @return its one handler (an aggregate or a service command handler)
     */
    public Optional<HandlerMethod> commandHandler(Class<?> commandType) {
        return Optional.ofNullable(commandHandlers.get(commandType));
    }

    /**
     * @param queryType a query class
     * @return its one handler
     */
    public Optional<HandlerMethod> queryHandler(Class<?> queryType) {
        return Optional.ofNullable(queryHandlers.get(queryType));
    }

    /**
     * @param eventType an event class
     * @return the projector, saga and observer handlers that consume it (not event-sourcing handlers)
     */
    public List<HandlerMethod> eventHandlers(Class<?> eventType) {
        return eventHandlers.getOrDefault(eventType, List.of());
    }

    /**
     * @return every command class with its handler
     */
    public Map<Class<?>, HandlerMethod> commandHandlers() {
        return commandHandlers;
    }

    /**
     * @return every query class with its handler
     */
    public Map<Class<?>, HandlerMethod> queryHandlers() {
        return queryHandlers;
    }

    /**
     * @return every consumed event class with its handlers
     */
    public Map<Class<?>, List<HandlerMethod>> eventHandlers() {
        return eventHandlers;
    }

    /**
     * @return the registered payload classes by logical name: the only classes JSON is ever read into
     */
    public Map<String, Class<? extends Payload>> payloadTypes() {
        return payloadTypes;
    }

    /**
     * @param logicalName a payload's logical name
     * @return the registered class of that name
     */
    public Optional<Class<? extends Payload>> payloadType(String logicalName) {
        return Optional.ofNullable(payloadTypes.get(logicalName));
    }

    /**
     * @return a one-line summary for the start-up log
     */
    public String summary() {
        Map<ComponentKind, Long> counts = new EnumMap<>(ComponentKind.class);
        for (ComponentKind kind : ComponentKind.values()) {
            counts.put(kind, components.stream().filter(c -> c.kind() == kind).count());
        }
        long handlers = components.stream().mapToLong(c -> c.handlers().size()).sum();
        String kinds = counts.entrySet().stream()
                .map(e -> count(e.getValue(), e.getKey().displayName().toLowerCase()))
                .collect(Collectors.joining(", "));
        return kinds + "; " + count(handlers, "handler") + " for " + count(commandHandlers.size(), "command") + ", "
                + (queryHandlers.size() == 1 ? "1 query" : queryHandlers.size() + " queries") + " and "
                + count(eventHandlers.size(), "consumed event type") + "; " + count(payloadTypes.size(), "payload type");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Collects the components of a deployment and checks the rules that span components.
     */
    public static final class Builder {

        private final List<ComponentModel> components = new ArrayList<>();
        private final List<Class<? extends Payload>> extraPayloads = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param component a valid component
         * @return this builder
         */
        public Builder add(ComponentModel component) {
            components.add(component);
            return this;
        }

        /**
         * Registers a payload class that no handler consumes but the deployment sends or stores (an event
         * only returned by a command handler, for example).
         *
         * @param payloadType a concrete payload class
         * @return this builder
         */
        public Builder addPayloadType(Class<? extends Payload> payloadType) {
            extraPayloads.add(payloadType);
            return this;
        }

        /**
         * @return every problem that spans components; empty when the model can be built
         */
        public List<DeploymentProblem> validate() {
            return assemble(new ArrayList<>()).problems;
        }

        /**
         * @return the model
         * @throws IllegalStateException listing every problem when the rules are broken
         */
        public RecqModel build() {
            Assembly assembly = assemble(new ArrayList<>());
            if (!assembly.problems.isEmpty()) {
                throw new IllegalStateException("Invalid RECQ deployment:\n  " + assembly.problems.stream()
                        .map(DeploymentProblem::message).collect(Collectors.joining("\n  ")));
            }
            return assembly.model;
        }

        private record Assembly(RecqModel model, List<DeploymentProblem> problems) {
        }

        private Assembly assemble(List<DeploymentProblem> problems) {
            Map<Class<?>, List<HandlerMethod>> commands = new LinkedHashMap<>();
            Map<Class<?>, List<HandlerMethod>> queries = new LinkedHashMap<>();
            Map<Class<?>, List<HandlerMethod>> events = new LinkedHashMap<>();
            Map<String, List<Class<? extends Payload>>> names = new LinkedHashMap<>();
            for (ComponentModel component : components) {
                for (HandlerMethod h : component.handlers()) {
                    switch (h.kind()) {
                        case AGGREGATE_COMMAND, SERVICE_COMMAND ->
                                commands.computeIfAbsent(h.payloadType(), k -> new ArrayList<>()).add(h);
                        case QUERY -> queries.computeIfAbsent(h.payloadType(), k -> new ArrayList<>()).add(h);
                        case EVENT, SAGA_EVENT -> events.computeIfAbsent(h.payloadType(), k -> new ArrayList<>()).add(h);
                        case EVENT_SOURCING -> {
                            // applied inside the aggregate only
                        }
                    }
                    register(names, h.payloadType());
                    registerReturned(names, h.returnType());
                }
            }
            extraPayloads.forEach(p -> register(names, p));

            checkSingleHandler(commands, ErrorCode.DUPLICATE_COMMAND_HANDLER, "command", problems);
            checkSingleHandler(queries, ErrorCode.DUPLICATE_QUERY_HANDLER, "query", problems);
            Map<String, Class<? extends Payload>> payloadTypes = new LinkedHashMap<>();
            names.forEach((name, classes) -> {
                if (classes.size() > 1) {
                    problems.add(new DeploymentProblem(ErrorCode.DUPLICATE_PAYLOAD_NAME,
                            classes.stream().map(Class::getName).collect(Collectors.joining(" and ")),
                            "payload classes share the logical name '" + name + "'",
                            "rename one of them; a payload's logical name is its simple class name and must be "
                                    + "unique in a deployment"));
                }
                payloadTypes.put(name, classes.get(0));
            });
            if (!problems.isEmpty()) {
                return new Assembly(null, problems);
            }
            Map<Class<?>, HandlerMethod> commandHandlers = new LinkedHashMap<>();
            commands.forEach((k, v) -> commandHandlers.put(k, v.get(0)));
            Map<Class<?>, HandlerMethod> queryHandlers = new LinkedHashMap<>();
            queries.forEach((k, v) -> queryHandlers.put(k, v.get(0)));
            return new Assembly(new RecqModel(components, commandHandlers, queryHandlers, events, payloadTypes),
                    problems);
        }

        private static void checkSingleHandler(Map<Class<?>, List<HandlerMethod>> handlers, ErrorCode code,
                String what, List<DeploymentProblem> problems) {
            handlers.forEach((payload, hs) -> {
                if (hs.size() > 1) {
                    problems.add(new DeploymentProblem(code, hs.get(1).describe(),
                            "the " + what + " " + payload.getSimpleName() + " is handled by " + hs.size()
                                    + " components: " + hs.stream().map(HandlerMethod::describe)
                                            .collect(Collectors.joining(", ")),
                            "keep exactly one handler for each " + what + " in the deployment"));
                }
            });
        }

        private static void registerReturned(Map<String, List<Class<? extends Payload>>> names, Type type) {
            Class<?> raw = PayloadTypes.rawClass(type);
            if (PayloadTypes.isConcretePayload(raw)) {
                register(names, raw);
            } else if (Collection.class.isAssignableFrom(raw)
                    && type instanceof java.lang.reflect.ParameterizedType pt) {
                Class<?> element = PayloadTypes.rawClass(pt.getActualTypeArguments()[0]);
                if (PayloadTypes.isConcretePayload(element)) {
                    register(names, element);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static void register(Map<String, List<Class<? extends Payload>>> names, Class<?> type) {
            if (!PayloadTypes.isConcretePayload(type)) {
                return;
            }
            if (!(Command.class.isAssignableFrom(type) || Event.class.isAssignableFrom(type)
                    || Query.class.isAssignableFrom(type))) {
                return;
            }
            List<Class<? extends Payload>> list = names.computeIfAbsent(PayloadTypes.logicalName(type),
                    k -> new ArrayList<>());
            if (!list.contains(type)) {
                list.add((Class<? extends Payload>) type);
            }
        }
    }
}
