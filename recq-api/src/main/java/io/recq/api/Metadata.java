package io.recq.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable string-to-string map that travels with every message. The metadata of a command flows to
 * the events it produces, and the metadata of a handled message flows to the commands and queries its
 * handler sends (correlation).
 */
public final class Metadata {

    /**
     * Two commands carrying the same value for this key within the retention window are handled once;
     * the second caller receives the first result.
     */
    public static final String IDEMPOTENCY_KEY = "recq-idempotency-key";

    /**
     * Set by the framework on every message: the identifier of the first message of a chain of
     * commands, events and queries. Kept when it is already present.
     */
    public static final String CORRELATION_ID = "recq-correlation-id";

    /**
     * Set by the framework on messages sent from a handler: the identifier of the message being handled.
     */
    public static final String CAUSATION_ID = "recq-causation-id";

    /**
     * Set by the framework when telemetry is on: the W3C trace context ({@code 00-<trace id>-<span id>-<flags>})
     * of the span that sent the message or, on a stored event, of the span that stored it. A user goes from an
     * event to its trace with it.
     */
    public static final String TRACE_PARENT = "traceparent";

    /**
     * Set by the framework with {@link #TRACE_PARENT} when the trace carries vendor state: the W3C
     * {@code tracestate}.
     */
    public static final String TRACE_STATE = "tracestate";

    private static final Metadata EMPTY = new Metadata(Map.of());

    private final Map<String, String> entries;

    private Metadata(Map<String, String> entries) {
        this.entries = entries;
    }

    /**
     * @return metadata without entries
     */
    public static Metadata empty() {
        return EMPTY;
    }

    /**
     * @param key the key
     * @param value the value
     * @return metadata holding one entry
     */
    public static Metadata of(String key, String value) {
        return EMPTY.with(key, value);
    }

    /**
     * @param entries the entries (copied; no {@code null} keys or values)
     * @return metadata holding the entries
     */
    public static Metadata of(Map<String, String> entries) {
        if (entries == null || entries.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(requireKey(k), requireValue(k, v)));
        return new Metadata(Collections.unmodifiableMap(copy));
    }

    /**
     * @param key the key
     * @param value the value
     * @return a copy of this metadata where {@code key} maps to {@code value}
     */
    public Metadata with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(entries);
        copy.put(requireKey(key), requireValue(key, value));
        return new Metadata(Collections.unmodifiableMap(copy));
    }

    /**
     * @param other more entries, which win over this metadata's entries with the same key
     * @return a copy of this metadata with the other entries added
     */
    public Metadata and(Metadata other) {
        if (other == null || other.entries.isEmpty()) {
            return this;
        }
        if (entries.isEmpty()) {
            return other;
        }
        Map<String, String> copy = new LinkedHashMap<>(entries);
        copy.putAll(other.entries);
        return new Metadata(Collections.unmodifiableMap(copy));
    }

    /**
     * @param key the key
     * @return a copy of this metadata without {@code key}
     */
    public Metadata without(String key) {
        if (!entries.containsKey(key)) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(entries);
        copy.remove(key);
        return copy.isEmpty() ? EMPTY : new Metadata(Collections.unmodifiableMap(copy));
    }

    /**
     * @param key the key
     * @return the value of {@code key}, if present
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /**
     * @return the entries (read-only)
     */
    public Map<String, String> asMap() {
        return entries;
    }

    /**
     * @return whether there is no entry
     */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Metadata keys must not be null or empty");
        }
        return key;
    }

    private static String requireValue(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException("Metadata value of '" + key + "' must not be null");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metadata other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries);
    }

    @Override
    public String toString() {
        return "Metadata" + entries;
    }
}
