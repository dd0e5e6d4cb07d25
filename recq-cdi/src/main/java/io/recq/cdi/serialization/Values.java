package io.recq.cdi.serialization;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Tells which payloads are <em>values</em>: records whose components are, all the way down, of types that
 * cannot change once made (primitives, their wrappers, {@code String}, {@code BigDecimal}, {@code BigInteger},
 * {@code UUID}, {@code URI}, the {@code java.time} values, enums, and such records), and that JSON-B reads and
 * writes without an annotation or adapter of their own. A value crosses from sender to handler within one JVM
 * as it is: a copy through JSON would be equal to it and could be told apart from it by nothing but identity.
 * Anything else (a class, a list, a map, an array, an annotated or generic component) takes the JSON round
 * trip, so that sender and handler never share what either could change.
 */
public final class Values {

    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Byte.class, Short.class,
            Integer.class, Long.class, Float.class, Double.class, Character.class, BigDecimal.class,
            BigInteger.class, UUID.class, URI.class, Instant.class, LocalDate.class, LocalTime.class,
            LocalDateTime.class, OffsetDateTime.class, OffsetTime.class, ZonedDateTime.class, Duration.class,
            Period.class, Year.class, YearMonth.class, MonthDay.class, ZoneOffset.class, DayOfWeek.class,
            Month.class);

    private static final ClassValue<Boolean> VALUES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isValueRecord(type, 0);
        }
    };

    private Values() {
    }

    /**
     * @param type a payload's class
     * @return whether its instances are values, which need no copy to be handed over in this JVM
     */
    public static boolean isValue(Class<?> type) {
        return type != null && VALUES.get(type);
    }

    private static boolean isValueRecord(Class<?> type, int depth) {
        if (!type.isRecord() || depth > 8 || annotatedForJsonb(type)
                || type.getPackage() != null && annotatedForJsonb(type.getPackage())) {
            return false;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (!(component.getGenericType() instanceof Class<?> componentType)
                    || annotatedForJsonb(component) || annotatedForJsonb(component.getAccessor())
                    || !immutable(componentType, depth)) {
                return false;
            }
            try {
                if (annotatedForJsonb(type.getDeclaredField(component.getName()))) {
                    return false;
                }
            } catch (NoSuchFieldException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean immutable(Class<?> type, int depth) {
        return type.isPrimitive() || IMMUTABLE.contains(type) || type.isEnum()
                || type.isRecord() && isValueRecord(type, depth + 1);
    }

    /** A JSON-B annotation may make the JSON differ from the object (transient, adapted, formatted, named). */
    private static boolean annotatedForJsonb(AnnotatedElement element) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().startsWith("jakarta.json.bind.")) {
                return true;
            }
        }
        return false;
    }
}
