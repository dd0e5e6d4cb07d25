package io.recq.cdi.model;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
     * Whether JSON-B can create instances of {@code type} when reading it: public records, enums, and
     * concrete public top-level or static nested classes with a public or protected no-argument constructor or
     * a {@code @JsonbCreator}.
     *
     * @param type a class
     * @return why it cannot be created, or empty when it can
     */
    public static Optional<String> whyNotCreatable(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers())) {
            return Optional.of("it is not public, and JSON-B (Yasson) reads and writes public classes only");
        }
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
                Type answer = substitute(args[0], bindings);
                return answer instanceof TypeVariable<?> ? null : answer;
            }
            if (!Query.class.isAssignableFrom(raw)) {
                return null;
            }
            Map<TypeVariable<?>, Type> next = new HashMap<>();
            TypeVariable<?>[] vars = raw.getTypeParameters();
            for (int i = 0; i < vars.length && i < args.length; i++) {
                next.put(vars[i], substitute(args[i], bindings));
            }
            return resolve(raw, next);
        }
        if (supertype instanceof Class<?> c && Query.class.isAssignableFrom(c)) {
            // a raw supertype: its type variables are unbound
            return c == Query.class ? null : resolve(c, new HashMap<>());
        }
        return null;
    }

    /**
     * Replaces the bound type variables in {@code type}, also inside parameterized, array and wildcard
     * types: {@code Multiple<V>} with {@code V = TodoView} becomes {@code Multiple<TodoView>}.
     */
    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> tv) {
            Type bound = bindings.get(tv);
            return bound == null ? tv : bound;
        }
        if (type instanceof ParameterizedType pt) {
            Type[] args = pt.getActualTypeArguments();
            Type[] resolved = new Type[args.length];
            boolean changed = false;
            for (int i = 0; i < args.length; i++) {
                resolved[i] = substitute(args[i], bindings);
                changed |= resolved[i] != args[i];
            }
            Type owner = pt.getOwnerType() == null ? null : substitute(pt.getOwnerType(), bindings);
            changed |= owner != pt.getOwnerType();
            return changed ? new ResolvedParameterizedType((Class<?>) pt.getRawType(), resolved, owner) : pt;
        }
        if (type instanceof GenericArrayType gat) {
            Type component = substitute(gat.getGenericComponentType(), bindings);
            if (component == gat.getGenericComponentType()) {
                return gat;
            }
            return component instanceof Class<?> c ? Array.newInstance(c, 0).getClass()
                    : (GenericArrayType) () -> component;
        }
        if (type instanceof WildcardType wt) {
            // the answer is read into the upper bound
            Type[] upper = wt.getUpperBounds();
            return upper.length == 1 && wt.getLowerBounds().length == 0 ? substitute(upper[0], bindings) : wt;
        }
        return type;
    }

    /** A parameterized type built by substitution; equal to the JDK's for the same raw type and arguments. */
    private static final class ResolvedParameterizedType implements ParameterizedType {

        private final Class<?> raw;
        private final Type[] args;
        private final Type owner;

        ResolvedParameterizedType(Class<?> raw, Type[] args, Type owner) {
            this.raw = raw;
            this.args = args.clone();
            this.owner = owner;
        }

        @Override
        public Type[] getActualTypeArguments() {
            return args.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType other && raw.equals(other.getRawType())
                    && Objects.equals(owner, other.getOwnerType())
                    && Arrays.equals(args, other.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(args) ^ Objects.hashCode(owner) ^ raw.hashCode();
        }

        @Override
        public String getTypeName() {
            StringBuilder sb = new StringBuilder(raw.getTypeName()).append('<');
            for (int i = 0; i < args.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(args[i].getTypeName());
            }
            return sb.append('>').toString();
        }

        @Override
        public String toString() {
            return getTypeName();
        }
    }

    /**
     * @param type a type
     * @return every class it names: {@code Single<List<TodoView>>} names Single, List and TodoView
     */
    public static Set<Class<?>> classesIn(Type type) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        collectClasses(type, classes);
        return classes;
    }

    private static void collectClasses(Type type, Set<Class<?>> classes) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                collectClasses(c.getComponentType(), classes);
            } else if (!c.isPrimitive()) {
                classes.add(c);
            }
        } else if (type instanceof ParameterizedType pt) {
            collectClasses(pt.getRawType(), classes);
            for (Type arg : pt.getActualTypeArguments()) {
                collectClasses(arg, classes);
            }
        } else if (type instanceof GenericArrayType gat) {
            collectClasses(gat.getGenericComponentType(), classes);
        } else if (type instanceof WildcardType wt) {
            for (Type bound : wt.getUpperBounds()) {
                collectClasses(bound, classes);
            }
        }
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
