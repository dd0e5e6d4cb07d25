package io.recq.test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Readable descriptions of payloads and of the differences between expected and actual ones, for the
 * messages of failed expectations.
 */
final class Report {

    private static final String INDENT = "  ";

    private final FixtureCodec codec;

    Report(FixtureCodec codec) {
        this.codec = codec;
    }

    /**
     * @return the value's own {@code toString()} when it has one (records do), else its class and JSON
     */
    String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isRecord() || value instanceof CharSequence || value instanceof Number
                || value instanceof Boolean || value instanceof Enum<?>) {
            return value.toString();
        }
        try {
            if (value.getClass().getMethod("toString").getDeclaringClass() != Object.class) {
                return value.toString();
            }
        } catch (NoSuchMethodException e) {
            // every class has toString
        }
        return value.getClass().getSimpleName() + codec.json(value);
    }

    /**
     * @return {@code "2 events:"} followed by one indented line per item, or {@code "no events"}
     */
    String list(List<?> items, String noun) {
        if (items.isEmpty()) {
            return "no " + noun + "s";
        }
        StringBuilder sb = new StringBuilder().append(items.size()).append(' ').append(noun)
                .append(items.size() == 1 ? "" : "s").append(':');
        for (int i = 0; i < items.size(); i++) {
            sb.append('\n').append(INDENT).append('[').append(i).append("] ").append(describe(items.get(i)));
        }
        return sb.toString();
    }

    /**
     * @return one line per position where the lists differ
     */
    String differences(List<?> expected, List<?> actual, String noun) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            if (i >= actual.size()) {
                lines.add("[" + i + "] expected " + describe(expected.get(i)) + " but there was no " + noun);
            } else if (i >= expected.size()) {
                lines.add("[" + i + "] unexpected " + describe(actual.get(i)));
            } else if (!Objects.equals(expected.get(i), actual.get(i))) {
                lines.add("[" + i + "] " + difference(expected.get(i), actual.get(i)));
            }
        }
        return INDENT + String.join("\n" + INDENT, lines);
    }

    /**
     * @return {@code "MoneyDeposited: amount expected 100 but was 50"}, or the two descriptions when the
     *         classes differ or no property differs in JSON
     */
    String difference(Object expected, Object actual) {
        if (expected == null || actual == null || !expected.getClass().equals(actual.getClass())) {
            return "expected " + describe(expected) + " but was " + describe(actual);
        }
        Optional<JsonValue> e = codec.tree(expected);
        Optional<JsonValue> a = codec.tree(actual);
        if (e.isPresent() && a.isPresent() && e.get() instanceof JsonObject eo && a.get() instanceof JsonObject ao) {
            Set<String> keys = new LinkedHashSet<>(eo.keySet());
            keys.addAll(ao.keySet());
            List<String> differing = new ArrayList<>();
            for (String key : keys) {
                JsonValue ev = eo.getOrDefault(key, JsonValue.NULL);
                JsonValue av = ao.getOrDefault(key, JsonValue.NULL);
                if (!ev.equals(av)) {
                    differing.add(key + " expected " + ev + " but was " + av);
                }
            }
            if (!differing.isEmpty()) {
                return expected.getClass().getSimpleName() + ": " + String.join(", ", differing);
            }
        }
        return "expected " + describe(expected) + " but was " + describe(actual)
                + " (equal in JSON: does the class implement equals?)";
    }

    /**
     * @return {@code "IllegalStateException: message"}
     */
    static String brief(Throwable t) {
        return t.getClass().getName() + ": " + t.getMessage();
    }
}
