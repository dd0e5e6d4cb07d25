package io.recq.test;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Creates a component instance the way CDI would for the few beans a fixture can supply, by type:
 * an {@code @Inject} constructor (or else the no-argument constructor), then {@code @Inject} and
 * {@code @PersistenceContext} fields, then {@code @Inject} initializer methods, superclasses first.
 * Annotations are matched by name so that neither CDI nor JPA must be on the test classpath.
 */
final class Injection {

    private static final String INJECT = "jakarta.inject.Inject";
    private static final String PERSISTENCE_CONTEXT = "jakarta.persistence.PersistenceContext";

    private Injection() {
    }

    /**
     * @param type the component class
     * @param beans what can be injected, by exact type
     * @param fixture how to call the fixture with a factory, for messages ({@code AggregateFixture.of})
     * @return the instance
     * @throws InvalidComponentException when an injection point cannot be supplied
     */
    static <T> T create(Class<T> type, Map<Class<?>, Object> beans, String fixture) {
        List<String> missing = new ArrayList<>();
        Constructor<?> constructor = constructor(type, fixture);
        Object[] arguments = arguments(constructor.getParameterTypes(), beans, missing,
                "constructor parameter of " + type.getSimpleName());
        List<Field> fields = new ArrayList<>();
        List<Method> initializers = new ArrayList<>();
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        for (Class<?> c : hierarchy) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && (has(f, INJECT) || has(f, PERSISTENCE_CONTEXT))) {
                    fields.add(f);
                    if (!beans.containsKey(f.getType())) {
                        missing.add("field " + c.getName() + "#" + f.getName() + " of type " + f.getType().getName());
                    }
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isStatic(m.getModifiers()) && has(m, INJECT)) {
                    initializers.add(m);
                    arguments(m.getParameterTypes(), beans, missing, "parameter of " + c.getName() + "#" + m.getName());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidComponentException(type.getName() + " needs beans the fixture cannot supply: "
                    + String.join("; ", missing) + ". The fixture injects only " + beans.keySet().stream()
                            .map(Class::getSimpleName).sorted().collect(Collectors.joining(", "))
                    + ". Fix: create the instance yourself with " + fixture + "(" + type.getSimpleName()
                    + ".class, ...) and pass test doubles to it");
        }
        try {
            constructor.trySetAccessible();
            @SuppressWarnings("unchecked")
            T instance = (T) constructor.newInstance(arguments);
            for (Field f : fields) {
                f.trySetAccessible();
                f.set(instance, beans.get(f.getType()));
            }
            for (Method m : initializers) {
                m.trySetAccessible();
                m.invoke(instance, arguments(m.getParameterTypes(), beans, new ArrayList<>(), ""));
            }
            return instance;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Creating " + type.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot create " + type.getName() + ": " + e + ". Fix: create the "
                    + "instance yourself with " + fixture + "(" + type.getSimpleName() + ".class, ...)", e);
        }
    }

    private static Constructor<?> constructor(Class<?> type, String fixture) {
        List<Constructor<?>> injectable = Arrays.stream(type.getDeclaredConstructors()).filter(c -> has(c, INJECT))
                .toList();
        if (injectable.size() > 1) {
            throw new InvalidComponentException(type.getName() + " has " + injectable.size()
                    + " @Inject constructors. Fix: keep one");
        }
        if (injectable.size() == 1) {
            return injectable.get(0);
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            throw new InvalidComponentException(type.getName() + " is an inner class, which CDI cannot create. "
                    + "Fix: make it a static nested or top-level class");
        }
        try {
            return type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new InvalidComponentException(type.getName() + " has neither an @Inject constructor nor a "
                    + "no-argument constructor. Fix: add one, or create the instance yourself with " + fixture + "("
                    + type.getSimpleName() + ".class, ...)");
        }
    }

    private static Object[] arguments(Class<?>[] types, Map<Class<?>, Object> beans, List<String> missing,
            String where) {
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (beans.containsKey(types[i])) {
                values[i] = beans.get(types[i]);
            } else {
                missing.add(where + " of type " + types[i].getName());
            }
        }
        return values;
    }

    private static boolean has(AnnotatedElement element, String annotationName) {
        for (Annotation a : element.getAnnotations()) {
            if (a.annotationType().getName().equals(annotationName)) {
                return true;
            }
        }
        return false;
    }
}
