package io.recq.jpa;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import io.recq.api.Metadata;

/**
 * Metadata as a JSON object of strings, the form it takes in the {@code metadata} column.
 */
public final class MetadataJson {

    private static final Type MAP_TYPE = new LinkedHashMap<String, String>() {
        private static final long serialVersionUID = 1L;
    }.getClass().getGenericSuperclass();

    private static final Jsonb JSONB = JsonbBuilder.create();

    private MetadataJson() {
    }

    /**
     * @param metadata metadata
     * @return its JSON
     */
    public static String write(Metadata metadata) {
        return metadata == null || metadata.isEmpty() ? "{}" : JSONB.toJson(metadata.asMap());
    }

    /**
     * @param json a JSON object of strings
     * @return the metadata
     */
    public static Metadata read(String json) {
        if (json == null || json.isBlank() || json.equals("{}")) {
            return Metadata.empty();
        }
        Map<String, String> entries = JSONB.fromJson(json, MAP_TYPE);
        return Metadata.of(entries);
    }
}
