package io.recq.cdi.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.json.bind.annotation.JsonbCreator;

import io.recq.api.Payload;
import io.recq.api.Query;

/**
 * Reflection helpers about payload classes: logical names, JSON-B creatability and query answer types.
 */
public final class PayloadTypes {

    private PayloadTypes() {
    }

    /**
     * @param payloadType a payload class
     * @return its logical name: the simple class name
     */
    public static String logicalName(Class<?> payloadType) {
        return payloadType.getSimpleName();
    }

    /**
     * Whether JSON-B can create instances of {@code type} when reading it: records, enums, and concrete
     * top-level or static nested classes with a public or protected no-argument constructor or a
     * {@code @JsonbCreator}.
     *
     * @param type a class
     * @return why it cannot be created, or empty when it can
     */
    public static Optional<String> whyNotCreatable(Class<?> type) {
        if (type.isRecord() || type.isEnum()) {
            return Optional.empty();
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return Optional.of("it is an interface or abstract class, which JSON-B cannot instantiate");
        }
        if (type.isAnonymousClass() || type.isLocalClass()
                || (type.isMemberClass() && !Modifier.isStatic(type.getModifiers()))) {
            return Optional.of("it is an inner (non-static) class, which JSON-B cannot instantiate");
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (c.isAnnotationPresent(JsonbCreator.class)) {
                return Optional.empty();
            }
            if (c.getParameterCount() == 0
                    && (Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers()))) {
                return Optional.empty();
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(JsonbCreator.class) && Modifier.isStatic(m.getModifiers())) {
                return Optional.empty();
            }
        }
        return Optional.of("it has no public or protected no-argument constructor and no @JsonbCreator");
    }

    /**
     * Recovers {@code R} from a query class declaring {@code Query<R>}, directly or through superclasses
     * and superinterfaces.
     *
     * @param queryType a query class
     * @return the answer type, or empty when it cannot be determined (a raw {@code Query})
     */
    public static Optional<Type> answerType(Class<? extends Query<?>> queryType) {
        return Optional.ofNullable(resolve(queryType, new HashMap<>()));
    }

    /**
     * Untyped variant of {@link #answerType(Class)} for classes known to implement {@link Query}.
     *
     * @param queryType a class implementing {@link Query}
     * @return the answer type, or empty
     */
    @SuppressWarnings("unchecked")
    public static Optional<Type> answerTypeOf(Class<?> queryType) {
        if (!Query.class.isAssignableFrom(queryType)) {
            return Optional.empty();
        }
        return answerType((Class<? extends Query<?>>) queryType);
    }

    private static Type resolve(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
        if (type == null || type == Object.class) {
            return null;
        }
        for (Type itf : type.getGenericInterfaces()) {
            Type found = resolveIn(itf, bindings);
            if (found != null) {
                return found;
            }
        }
        return resolveIn(type.getGenericSuperclass(), bindings);
    }

    private static Type resolveIn(Type supertype, Map<TypeVariable<?>, Type> bindings) {
        if (supertype == null) {
            return null;
        }
        if (supertype instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            Type[] args = pt.getActualTypeArguments();
            if (raw == Query.class) {
                Type answer = args[0];
                while (answer instanceof TypeVariable<?> tv && bindings.containsKey(tv)) {
                    answer = bindings.get(tv);
                }
                return answer instanceof TypeVariable<?> ? null : answer;
            }
            Map<TypeVariable<?>, Type> next = new HashMap<>(bindings);
            TypeVariable<?>[] vars = raw.getTypeParameters();
            for (int i = 0; i < vars.length && i < args.length; i++) {
                Type arg = args[i];
                while (arg instanceof TypeVariable<?> tv && bindings.containsKey(tv)) {
                    arg = bindings.get(tv);
                }
                next.put(vars[i], arg);
            }
            return Query.class.isAssignableFrom(raw) ? resolve(raw, next) : null;
        }
        if (supertype instanceof Class<?> c && Query.class.isAssignableFrom(c)) {
            return c == Query.class ? null : resolve(c, bindings);
        }
        return null;
    }

    /**
     * @param type a type
     * @return its raw class ({@code List} for {@code List<String>})
     */
    public static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType pt) {
            return (Class<?>) pt.getRawType();
        }
        if (type instanceof java.lang.reflect.GenericArrayType gat) {
            return java.lang.reflect.Array.newInstance(rawClass(gat.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof java.lang.reflect.WildcardType wt) {
            return rawClass(wt.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> tv) {
            return rawClass(tv.getBounds()[0]);
        }
        return Object.class;
    }

    /**
     * @param type a class
     * @return whether it is a concrete payload class (not an interface or abstract class)
     */
    public static boolean isConcretePayload(Class<?> type) {
        return Payload.class.isAssignableFrom(type) && !type.isInterface()
                && !Modifier.isAbstract(type.getModifiers());
    }
}
