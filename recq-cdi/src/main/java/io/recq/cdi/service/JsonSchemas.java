package io.recq.cdi.service;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.recq.cdi.model.PayloadTypes;

/**
 * The JSON schema of a payload class's JSON-B form, written the same way for the same shape: properties in
 * name order, no whitespace. Two services whose classes for one payload type give different schemas read
 * and write different JSON for it. It follows what JSON-B maps by default: a record's components, a class's
 * public getters and public fields; an enum is a string of its constants, {@code java.time} values are
 * strings with their type as {@code format}.
 */
public final class JsonSchemas {

    private JsonSchemas() {
    }

    /**
     * @param type a payload class
     * @return its JSON schema
     */
    public static String of(Class<?> type) {
        return write(schema(type, new HashSet<>()));
    }

    private static Object schema(Type type, Set<Class<?>> seen) {
        Class<?> raw = PayloadTypes.rawClass(type);
        Map<String, Object> schema = new TreeMap<>();
        if (raw == String.class || raw == char.class || raw == Character.class || raw == UUID.class
                || raw == URI.class) {
            schema.put("type", "string");
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.put("type", "boolean");
        } else if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class
                || raw == Integer.class || raw == Long.class || raw == Short.class || raw == Byte.class
                || raw == BigInteger.class) {
            schema.put("type", "integer");
        } else if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class
                || raw == BigDecimal.class || raw == Number.class) {
            schema.put("type", "number");
        } else if (raw.isEnum()) {
            schema.put("type", "string");
            schema.put("enum", java.util.Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.toList()));
        } else if (raw.getPackageName().equals("java.time")) {
            schema.put("type", "string");
            schema.put("format", raw.getSimpleName());
        } else if (raw == Optional.class) {
            return schema(argument(type, 0), seen);
        } else if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            schema.put("type", "array");
            Type item = raw.isArray() ? (type instanceof GenericArrayType g ? g.getGenericComponentType()
                    : raw.getComponentType()) : argument(type, 0);
            schema.put("items", schema(item, seen));
        } else if (Map.class.isAssignableFrom(raw)) {
            schema.put("type", "object");
            schema.put("additionalProperties", schema(argument(type, 1), seen));
        } else if (raw == Object.class || raw.isInterface() || !seen.add(raw)) {
            schema.put("type", "object");
            if (raw != Object.class) {
                schema.put("title", raw.getSimpleName());
            }
        } else {
            schema.put("type", "object");
            schema.put("title", raw.getSimpleName());
            schema.put("properties", properties(raw, seen));
            seen.remove(raw);
        }
        return schema;
    }

    private static Map<String, Object> properties(Class<?> raw, Set<Class<?>> seen) {
        Map<String, Object> properties = new TreeMap<>();
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                properties.put(component.getName(), schema(component.getGenericType(), seen));
            }
            return properties;
        }
        for (Method method : raw.getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = method.getName();
            String property = null;
            if (name.startsWith("get") && name.length() > 3 && method.getReturnType() != void.class) {
                property = name.substring(3);
            } else if (name.startsWith("is") && name.length() > 2 && (method.getReturnType() == boolean.class
                    || method.getReturnType() == Boolean.class)) {
                property = name.substring(2);
            }
            if (property != null) {
                property = Character.toLowerCase(property.charAt(0)) + property.substring(1);
                properties.put(property, schema(method.getGenericReturnType(), seen));
            }
        }
        for (Field field : raw.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                properties.putIfAbsent(field.getName(), schema(field.getGenericType(), seen));
            }
        }
        return properties;
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            Type argument = p.getActualTypeArguments()[index];
            if (argument instanceof WildcardType w) {
                return w.getUpperBounds().length > 0 ? w.getUpperBounds()[0] : Object.class;
            }
            return argument;
        }
        return Object.class;
    }

    private static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(item, out);
            }
            out.append(']');
        } else {
            string(String.valueOf(value), out);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
