package io.recq.cdi.model;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.AggregateState;
import io.recq.api.CommandGateway;
import io.recq.api.DomainEvent;
import io.recq.api.Event;
import io.recq.api.EventHandler;
import io.recq.api.EventMessage;
import io.recq.api.Metadata;
import io.recq.api.Observer;
import io.recq.api.Payload;
import io.recq.api.Projector;
import io.recq.api.ProjectorStatus;
import io.recq.api.QueryGateway;
import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;
import io.recq.api.SagaState;
import io.recq.api.ServiceEvent;

/**
 * Turns one component class into its {@link ComponentModel}, checking every handler signature and
 * reporting every problem found (never just the first). Pure reflection: the CDI extension and the test
 * kit both use it.
 */
public final class ComponentIntrospector {

    /**
     * The outcome of inspecting one class.
     *
     * @param component the component model, or {@code null} when the class is not a RECQ component or has
     *        problems
     * @param problems every problem found
     */
    public record Introspection(ComponentModel component, List<DeploymentProblem> problems) {

        public Introspection {
            problems = List.copyOf(problems);
        }

        /**
         * @return whether the class is a valid component
         */
        public boolean isValid() {
            return component != null && problems.isEmpty();
        }

        /**
         * @return the component model
         * @throws IllegalStateException listing the problems when the class is not a valid component
         */
        public ComponentModel orThrow() {
            if (!isValid()) {
                throw new IllegalStateException("Invalid RECQ component:\n  " + problems.stream()
                        .map(DeploymentProblem::message).collect(Collectors.joining("\n  ")));
            }
            return component;
        }
    }

    /**
     * @param type a class
     * @return the component stereotypes declared on it (directly)
     */
    public static List<ComponentKind> kindsOf(Class<?> type) {
        List<ComponentKind> kinds = new ArrayList<>();
        for (Annotation a : type.getAnnotations()) {
            ComponentKind.ofStereotype(a.annotationType()).ifPresent(kinds::add);
        }
        return kinds;
    }

    /**
     * @param type a class
     * @return whether it carries a RECQ component stereotype
     */
    public static boolean isComponent(Class<?> type) {
        return !kindsOf(type).isEmpty();
    }

    /**
     * Inspects a component class.
     *
     * @param type the bean class
     * @return the model and the problems found
     */
    public Introspection inspect(Class<?> type) {
        List<DeploymentProblem> problems = new ArrayList<>();
        List<ComponentKind> kinds = kindsOf(type);
        if (kinds.isEmpty()) {
            for (Method m : handlerCandidates(type)) {
                for (HandlerKind hk : handlerKinds(m)) {
                    problems.add(new DeploymentProblem(ErrorCode.HANDLER_IN_WRONG_COMPONENT, HandlerMethod.describe(m),
                            hk.displayName() + " on a class that is not a RECQ component",
                            "annotate " + type.getSimpleName() + " with " + expectedStereotypes(hk)));
                }
            }
            return new Introspection(null, problems);
        }
        if (kinds.size() > 1) {
            problems.add(new DeploymentProblem(ErrorCode.SEVERAL_STEREOTYPES, type.getName(),
                    "the class carries " + kinds.stream().map(k -> "@" + k.displayName())
                            .collect(Collectors.joining(" and ")),
                    "keep exactly one component stereotype; split the class if it plays several roles"));
            return new Introspection(null, problems);
        }
        ComponentKind kind = kinds.get(0);

        List<HandlerMethod> handlers = new ArrayList<>();
        Set<Class<?>> stateTypes = new LinkedHashSet<>();
        Map<String, HandlerMethod> seen = new LinkedHashMap<>();
        boolean declaresInit = false;
        for (Method method : handlerCandidates(type)) {
            List<HandlerKind> hks = handlerKinds(method);
            if (hks.isEmpty()) {
                continue;
            }
            declaresInit |= declaresInit(method);
            if (hks.size() > 1) {
                problems.add(new DeploymentProblem(ErrorCode.SEVERAL_HANDLER_ANNOTATIONS, HandlerMethod.describe(method),
                        "the method carries " + hks.stream().map(HandlerKind::displayName)
                                .collect(Collectors.joining(" and ")),
                        "keep one handler annotation per method"));
                continue;
            }
            HandlerMethod handler = inspectHandler(type, kind, hks.get(0), method, stateTypes, problems);
            if (handler != null) {
                String key = handler.kind() + ":" + handler.payloadType().getName();
                HandlerMethod previous = seen.putIfAbsent(key, handler);
                if (previous != null) {
                    problems.add(new DeploymentProblem(ErrorCode.DUPLICATE_HANDLER_IN_COMPONENT, handler.describe(),
                            "a second " + handler.kind().displayName() + " for "
                                    + handler.payloadType().getSimpleName() + " in this component; the first is "
                                    + previous.describe(),
                            "keep one handler per payload type in " + type.getSimpleName()));
                } else {
                    handlers.add(handler);
                }
            }
        }

        Class<?> stateType = null;
        if (kind == ComponentKind.AGGREGATE || kind == ComponentKind.SAGA) {
            Class<?> bound = kind == ComponentKind.AGGREGATE ? AggregateState.class : SagaState.class;
            if (stateTypes.size() > 1) {
                problems.add(new DeploymentProblem(ErrorCode.INCONSISTENT_STATE_TYPE, type.getName(),
                        "its handlers use several state types: " + stateTypes.stream().map(Class::getSimpleName)
                                .collect(Collectors.joining(", ")),
                        "use one " + bound.getSimpleName() + " subclass in every handler of the component"));
            } else if (stateTypes.size() == 1) {
                stateType = stateTypes.iterator().next();
                PayloadTypes.whyNotCreatable(stateType).ifPresent(why -> problems.add(new DeploymentProblem(
                        ErrorCode.PAYLOAD_NOT_CREATABLE, stateType_(stateTypes), "JSON-B cannot create the state: " + why,
                        "make it a public top-level or static class with a public no-argument constructor")));
            } else if (kind == ComponentKind.SAGA && !handlers.isEmpty()) {
                problems.add(new DeploymentProblem(ErrorCode.MISSING_STATE_TYPE, type.getName(),
                        "no handler declares the saga's state type",
                        "declare a SagaState subclass as a parameter or return type of a @SagaEventHandler"));
            }
            // an init handler rejected for another reason is reported for that reason only
            if (!declaresInit) {
                if (kind == ComponentKind.AGGREGATE) {
                    problems.add(new DeploymentProblem(ErrorCode.AGGREGATE_WITHOUT_INIT, type.getName(),
                            "no @AggregateCommandHandler(init = true): no command can create an instance",
                            "mark the command handler that creates the aggregate with init = true"));
                } else {
                    problems.add(new DeploymentProblem(ErrorCode.SAGA_WITHOUT_INIT, type.getName(),
                            "no @SagaEventHandler(init = true): no event can start an instance",
                            "mark the event handler that starts the saga with init = true"));
                }
            }
        }

        int snapshotFrequency = -1;
        int version = 1;
        List<String> contexts = List.of();
        switch (kind) {
            case AGGREGATE -> {
                snapshotFrequency = type.getAnnotation(Aggregate.class).snapshotFrequency();
                if (snapshotFrequency == 0 || snapshotFrequency < -1) {
                    problems.add(new DeploymentProblem(ErrorCode.INVALID_COMPONENT_SETTING, type.getName(),
                            "@Aggregate(snapshotFrequency = " + snapshotFrequency + ")",
                            "use a positive number of events, or -1 for no snapshots"));
                }
            }
            case PROJECTOR -> {
                Projector p = type.getAnnotation(Projector.class);
                version = p.version();
                contexts = Arrays.asList(p.contexts());
                if (contexts.isEmpty() || contexts.stream().anyMatch(c -> c == null || c.isBlank())) {
                    problems.add(new DeploymentProblem(ErrorCode.INVALID_COMPONENT_SETTING, type.getName(),
                            "@Projector(contexts = " + contexts + ") names no context or a blank one",
                            "name the consumed contexts, or \"*\" for all"));
                }
            }
            case SAGA -> version = type.getAnnotation(Saga.class).version();
            case OBSERVER -> version = type.getAnnotation(Observer.class).version();
            default -> {
                // no settings
            }
        }
        if (version < 1) {
            problems.add(new DeploymentProblem(ErrorCode.INVALID_COMPONENT_SETTING, type.getName(),
                    "@" + kind.displayName() + "(version = " + version + ")", "use a version of 1 or more"));
        }
        ComponentModel model = new ComponentModel(type, kind, handlers, stateType, snapshotFrequency, version,
                contexts);
        return new Introspection(problems.isEmpty() ? model : null, problems);
    }

    private static String stateType_(Set<Class<?>> stateTypes) {
        return stateTypes.iterator().next().getName();
    }

    private HandlerMethod inspectHandler(Class<?> type, ComponentKind kind, HandlerKind hk, Method method,
            Set<Class<?>> stateTypes, List<DeploymentProblem> problems) {
        String where = HandlerMethod.describe(method);
        int before = problems.size();
        if (!hk.declaredBy().contains(kind)) {
            problems.add(new DeploymentProblem(ErrorCode.HANDLER_IN_WRONG_COMPONENT, where,
                    hk.displayName() + " in an @" + kind.displayName(),
                    "move the handler to " + expectedStereotypes(hk) + ", or use the handler annotation of an @"
                            + kind.displayName() + allowedHandlers(kind)));
            return null;
        }
        int mods = method.getModifiers();
        if (Modifier.isPrivate(mods) || Modifier.isStatic(mods)) {
            problems.add(new DeploymentProblem(ErrorCode.INACCESSIBLE_HANDLER, where,
                    "the handler is " + (Modifier.isStatic(mods) ? "static" : "private"),
                    "make it a non-static method that is public, protected or package-private"));
        }

        Class<?> stateBound = kind == ComponentKind.AGGREGATE ? AggregateState.class
                : kind == ComponentKind.SAGA ? SagaState.class : null;
        List<ParameterKind> parameters = new ArrayList<>();
        Class<? extends Payload> payloadType = null;
        Class<?> stateParam = null;
        Type[] genericTypes = method.getGenericParameterTypes();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            Class<?> p = types[i];
            ParameterKind pk = classify(p, stateBound);
            if (pk == null) {
                problems.add(new DeploymentProblem(ErrorCode.UNSUPPORTED_PARAMETER, where,
                        "parameter " + (i + 1) + " of type " + genericTypes[i].getTypeName()
                                + " cannot be supplied to " + hk.displayName(),
                        "remove it; a handler may declare the payload" + suppliable(hk, kind)));
                continue;
            }
            if (pk == ParameterKind.EVENT_MESSAGE
                    && !(hk == HandlerKind.EVENT || hk == HandlerKind.SAGA_EVENT || hk == HandlerKind.EVENT_SOURCING)) {
                problems.add(new DeploymentProblem(ErrorCode.UNSUPPORTED_PARAMETER, where,
                        "parameter " + (i + 1) + " of type EventMessage in a " + hk.displayName()
                                + ", which handles no event",
                        "remove it; a handler may declare the payload" + suppliable(hk, kind)));
                continue;
            }
            if (pk == ParameterKind.PROJECTOR_STATUS && kind != ComponentKind.PROJECTOR) {
                problems.add(new DeploymentProblem(ErrorCode.UNSUPPORTED_PARAMETER, where,
                        "parameter " + (i + 1) + " of type ProjectorStatus in an @" + kind.displayName(),
                        "remove it; only @Projector event handlers receive a ProjectorStatus"));
                continue;
            }
            if (parameters.contains(pk)) {
                problems.add(new DeploymentProblem(ErrorCode.AMBIGUOUS_PARAMETER, where,
                        "parameter " + (i + 1) + " (" + p.getSimpleName() + ") is a second " + describe(pk)
                                + " parameter",
                        "declare each kind of parameter at most once"));
                continue;
            }
            if (pk == ParameterKind.PAYLOAD) {
                @SuppressWarnings("unchecked")
                Class<? extends Payload> cast = (Class<? extends Payload>) p;
                payloadType = cast;
            } else if (pk == ParameterKind.STATE) {
                stateParam = p;
            }
            parameters.add(pk);
        }
        if (payloadType == null) {
            problems.add(new DeploymentProblem(ErrorCode.NO_PAYLOAD_PARAMETER, where,
                    "no parameter is a " + hk.payloadBound().getSimpleName(),
                    "declare the " + hk.payloadBound().getSimpleName() + " this method handles as a parameter"));
            return null;
        }
        if (!hk.payloadBound().isAssignableFrom(payloadType)) {
            if (hk == HandlerKind.EVENT_SOURCING && Event.class.isAssignableFrom(payloadType)) {
                problems.add(new DeploymentProblem(ErrorCode.EVENT_SOURCING_PAYLOAD_NOT_DOMAIN_EVENT, where,
                        payloadType.getSimpleName() + " is an Event but not a DomainEvent",
                        "make " + payloadType.getSimpleName() + " implement DomainEvent; only domain events change "
                                + "aggregate state"));
            } else {
                problems.add(new DeploymentProblem(ErrorCode.WRONG_PAYLOAD_TYPE, where,
                        hk.displayName() + " handles " + payloadType.getSimpleName() + ", which is not a "
                                + hk.payloadBound().getSimpleName(),
                        "make " + payloadType.getSimpleName() + " implement " + hk.payloadBound().getSimpleName()
                                + ", or use the handler annotation for its kind"));
            }
        }
        if (!PayloadTypes.isConcretePayload(payloadType)) {
            problems.add(new DeploymentProblem(ErrorCode.PAYLOAD_NOT_CREATABLE, where,
                    "the payload parameter " + payloadType.getSimpleName() + " is an interface or abstract class",
                    "handle one concrete payload class (a record) per handler method"));
        } else {
            Class<? extends Payload> pt = payloadType;
            PayloadTypes.whyNotCreatable(payloadType).ifPresent(why -> problems.add(new DeploymentProblem(
                    ErrorCode.PAYLOAD_NOT_CREATABLE, pt.getName(), "JSON-B cannot create the payload: " + why
                            + " (handled by " + where + ")",
                    "make it a public record, or a public class with a public no-argument constructor")));
        }

        // return type
        Class<?> ret = method.getReturnType();
        Type genericRet = method.getGenericReturnType();
        switch (hk) {
            case AGGREGATE_COMMAND -> {
                boolean ok = DomainEvent.class.isAssignableFrom(ret)
                        || (Collection.class.isAssignableFrom(ret) && elementFits(genericRet, DomainEvent.class));
                if (!ok) {
                    problems.add(wrongReturn(where, genericRet, "a DomainEvent, or a List of DomainEvents"));
                }
            }
            case EVENT_SOURCING -> {
                if (ret != void.class) {
                    if (AggregateState.class.isAssignableFrom(ret)) {
                        stateTypes.add(ret);
                    } else {
                        problems.add(wrongReturn(where, genericRet, "the new AggregateState, or void"));
                    }
                }
            }
            case SERVICE_COMMAND -> {
                if (ret != void.class && !ServiceEvent.class.isAssignableFrom(ret)) {
                    problems.add(wrongReturn(where, genericRet, "a ServiceEvent, or void"));
                }
            }
            case EVENT -> {
                if (ret != void.class) {
                    problems.add(wrongReturn(where, genericRet, "void"));
                }
            }
            case SAGA_EVENT -> {
                if (ret != void.class) {
                    if (SagaState.class.isAssignableFrom(ret)) {
                        stateTypes.add(ret);
                    } else {
                        problems.add(wrongReturn(where, genericRet, "the new SagaState, or void"));
                    }
                }
            }
            case QUERY -> {
                Optional<Type> answer = PayloadTypes.answerTypeOf(payloadType);
                if (answer.isEmpty()) {
                    problems.add(new DeploymentProblem(ErrorCode.WRONG_PAYLOAD_TYPE, where,
                            payloadType.getSimpleName() + " implements Query without an answer type",
                            "declare the answer type: implements Query<Single<MyView>>"));
                } else if (!PayloadTypes.rawClass(answer.get()).isAssignableFrom(boxed(ret))) {
                    problems.add(wrongReturn(where, genericRet, "the query's answer type "
                            + answer.get().getTypeName()));
                } else {
                    for (Class<?> part : PayloadTypes.classesIn(answer.get())) {
                        if (!Modifier.isPublic(part.getModifiers())) {
                            problems.add(new DeploymentProblem(ErrorCode.PAYLOAD_NOT_CREATABLE, where,
                                    "the answer type " + answer.get().getTypeName() + " uses " + part.getName()
                                            + ", which is not public, and JSON-B (Yasson) reads and writes public "
                                            + "classes only",
                                    "make " + part.getSimpleName() + " public"));
                        }
                    }
                }
            }
            default -> throw new IllegalStateException(hk.name());
        }
        if (stateParam != null) {
            stateTypes.add(stateParam);
        }

        boolean init = false;
        String association = null;
        PropertyReader reader = null;
        int retry = 0;
        long retryDelay = 0;
        if (hk == HandlerKind.AGGREGATE_COMMAND) {
            init = method.getAnnotation(AggregateCommandHandler.class).init();
        } else if (hk == HandlerKind.EVENT) {
            EventHandler a = method.getAnnotation(EventHandler.class);
            retry = a.retry();
            retryDelay = a.retryDelay();
        } else if (hk == HandlerKind.SAGA_EVENT) {
            SagaEventHandler a = method.getAnnotation(SagaEventHandler.class);
            init = a.init();
            retry = a.retry();
            retryDelay = a.retryDelay();
            association = a.associationProperty();
            if (association == null || association.isBlank()) {
                problems.add(new DeploymentProblem(ErrorCode.MISSING_ASSOCIATION_PROPERTY, where,
                        "@SagaEventHandler without associationProperty",
                        "name the property of " + payloadType.getSimpleName()
                                + " whose value selects the saga instance: associationProperty = \"...\""));
            } else {
                reader = PropertyReader.find(payloadType, association).orElse(null);
                if (reader == null) {
                    problems.add(new DeploymentProblem(ErrorCode.UNKNOWN_ASSOCIATION_PROPERTY, where,
                            "associationProperty \"" + association + "\" is not a property of "
                                    + payloadType.getSimpleName() + " (properties: "
                                    + propertiesOf(payloadType) + ")",
                            "name an existing record component or getter of " + payloadType.getSimpleName()));
                }
            }
        }
        if (retry < 0 || retryDelay < 0) {
            problems.add(new DeploymentProblem(ErrorCode.INVALID_COMPONENT_SETTING, where,
                    "retry = " + retry + ", retryDelay = " + retryDelay,
                    "use zero or more retries and a delay of zero or more milliseconds"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new HandlerMethod(type, kind, hk, method, payloadType, parameters, init, association, reader, retry,
                retryDelay);
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }

    private static boolean elementFits(Type collectionType, Class<?> bound) {
        if (collectionType instanceof ParameterizedType pt) {
            Class<?> element = PayloadTypes.rawClass(pt.getActualTypeArguments()[0]);
            return bound.isAssignableFrom(element) || element.isAssignableFrom(bound);
        }
        return true;
    }

    private static DeploymentProblem wrongReturn(String where, Type found, String expected) {
        return new DeploymentProblem(ErrorCode.WRONG_RETURN_TYPE, where, "it returns " + found.getTypeName(),
                "return " + expected);
    }

    private static ParameterKind classify(Class<?> p, Class<?> stateBound) {
        if (stateBound != null && stateBound.isAssignableFrom(p)) {
            return ParameterKind.STATE;
        }
        if (Payload.class.isAssignableFrom(p)) {
            return ParameterKind.PAYLOAD;
        }
        if (p == CommandGateway.class) {
            return ParameterKind.COMMAND_GATEWAY;
        }
        if (p == QueryGateway.class) {
            return ParameterKind.QUERY_GATEWAY;
        }
        if (p == Metadata.class) {
            return ParameterKind.METADATA;
        }
        if (p == Instant.class) {
            return ParameterKind.TIMESTAMP;
        }
        if (p == EventMessage.class) {
            return ParameterKind.EVENT_MESSAGE;
        }
        if (p == ProjectorStatus.class) {
            return ParameterKind.PROJECTOR_STATUS;
        }
        return null;
    }

    private static String describe(ParameterKind pk) {
        return switch (pk) {
            case PAYLOAD -> "payload";
            case STATE -> "state";
            case COMMAND_GATEWAY -> "CommandGateway";
            case QUERY_GATEWAY -> "QueryGateway";
            case METADATA -> "Metadata";
            case TIMESTAMP -> "Instant";
            case EVENT_MESSAGE -> "EventMessage";
            case PROJECTOR_STATUS -> "ProjectorStatus";
        };
    }

    private static String suppliable(HandlerKind hk, ComponentKind kind) {
        StringBuilder sb = new StringBuilder();
        if (kind == ComponentKind.AGGREGATE) {
            sb.append(", the AggregateState");
        } else if (kind == ComponentKind.SAGA) {
            sb.append(", the SagaState");
        }
        sb.append(", CommandGateway, QueryGateway, Metadata, Instant");
        if (hk == HandlerKind.EVENT || hk == HandlerKind.SAGA_EVENT || hk == HandlerKind.EVENT_SOURCING) {
            sb.append(", EventMessage");
        }
        if (kind == ComponentKind.PROJECTOR) {
            sb.append(", ProjectorStatus");
        }
        return sb.toString();
    }

    private static String propertiesOf(Class<?> type) {
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).collect(Collectors.joining(", "));
        }
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getParameterCount() == 0 && m.getDeclaringClass() != Object.class
                        && (m.getName().startsWith("get") || m.getName().startsWith("is")))
                .map(Method::getName).sorted().collect(Collectors.joining(", "));
    }

    private static String expectedStereotypes(HandlerKind hk) {
        return hk.declaredBy().stream().map(k -> "@" + k.displayName()).sorted()
                .collect(Collectors.joining(" or "));
    }

    private static String allowedHandlers(ComponentKind kind) {
        String allowed = Arrays.stream(HandlerKind.values()).filter(h -> h.declaredBy().contains(kind))
                .map(HandlerKind::displayName).collect(Collectors.joining(", "));
        return allowed.isEmpty() ? " (which declares no handler)" : " (" + allowed + ")";
    }

    private static boolean declaresInit(Method m) {
        AggregateCommandHandler command = m.getAnnotation(AggregateCommandHandler.class);
        SagaEventHandler event = m.getAnnotation(SagaEventHandler.class);
        return (command != null && command.init()) || (event != null && event.init());
    }

    private static List<HandlerKind> handlerKinds(Method m) {
        List<HandlerKind> kinds = new ArrayList<>();
        for (Annotation a : m.getAnnotations()) {
            HandlerKind.ofAnnotation(a.annotationType()).ifPresent(kinds::add);
        }
        return kinds;
    }

    /**
     * Methods declared by the class and its superclasses (not overridden ones twice, no bridges).
     */
    private static List<Method> handlerCandidates(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        Set<String> signatures = new LinkedHashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Method[] declared = c.getDeclaredMethods();
            Arrays.sort(declared, (a, b) -> a.toString().compareTo(b.toString()));
            for (Method m : declared) {
                if (m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                String signature = m.getName() + Arrays.toString(m.getParameterTypes());
                if (signatures.add(signature)) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }
}
