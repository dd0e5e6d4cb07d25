package io.recq.cdi.model;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Optional;

/**
 * Reads a named property of a payload: a record component, a public getter ({@code getX()},
 * {@code isX()}), a public accessor method {@code x()}, or a public field.
 */
@FunctionalInterface
public interface PropertyReader {

    /**
     * @param target the object to read from
     * @return the property value
     */
    Object read(Object target);

    /**
     * @param type the class that should have the property
     * @param name the property name
     * @return a reader, if the class has such a property
     */
    static Optional<PropertyReader> find(Class<?> type, String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return Optional.of(fromMethod(component.getAccessor()));
                }
            }
        }
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : new String[] {"get" + capitalised, "is" + capitalised, name}) {
            try {
                Method m = type.getMethod(candidate);
                if (m.getReturnType() != void.class && !Modifier.isStatic(m.getModifiers())) {
                    return Optional.of(fromMethod(m));
                }
            } catch (NoSuchMethodException ignored) {
                // try the next form
            }
        }
        try {
            Field f = type.getField(name);
            if (!Modifier.isStatic(f.getModifiers())) {
                return Optional.of(target -> {
                    try {
                        return f.get(target);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("Cannot read " + type.getName() + "." + name, e);
                    }
                });
            }
        } catch (NoSuchFieldException ignored) {
            // no such property
        }
        return Optional.empty();
    }

    private static PropertyReader fromMethod(Method m) {
        m.setAccessible(true);
        return target -> {
            try {
                return m.invoke(target);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot read " + HandlerMethod.describe(m), e);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("Reading " + HandlerMethod.describe(m) + " failed", cause);
            }
        };
    }
}
