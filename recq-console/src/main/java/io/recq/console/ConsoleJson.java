package io.recq.console;

import java.io.StringReader;
import java.time.Instant;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import io.recq.api.EventLog;
import io.recq.api.Metadata;

/**
 * Helpers for the console's JSON: {@code null} written as JSON null, stored JSON embedded as JSON.
 */
final class ConsoleJson {

    private ConsoleJson() {
    }

    static JsonObjectBuilder put(JsonObjectBuilder object, String name, String value) {
        return value == null ? object.addNull(name) : object.add(name, value);
    }

    static JsonObjectBuilder put(JsonObjectBuilder object, String name, Instant value) {
        return value == null ? object.addNull(name) : object.add(name, value.toString());
    }

    /**
     * @param json stored JSON
     * @return it as a JSON value, or as a string when it cannot be read
     */
    static JsonValue parse(String json) {
        if (json == null) {
            return JsonValue.NULL;
        }
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonException e) {
            return Json.createValue(json);
        }
    }

    static JsonValue metadata(Metadata metadata) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        for (Map.Entry<String, String> entry : metadata.asMap().entrySet()) {
            put(object, entry.getKey(), entry.getValue());
        }
        return object.build();
    }

    static JsonValue event(EventLog.Entry e) {
        JsonObjectBuilder object = Json.createObjectBuilder().add("sequence", e.sequence());
        put(object, "aggregateId", e.aggregateId());
        object.add("aggregateVersion", e.aggregateVersion());
        put(object, "type", e.eventType());
        put(object, "context", e.context());
        put(object, "storedAt", e.storedAt());
        object.add("metadata", metadata(e.metadata()));
        object.add("payload", parse(e.json()));
        return object.build();
    }
}
