package io.recq.jpa;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import io.recq.api.Metadata;

/**
 * Metadata as a JSON object of strings, the form it takes in the {@code metadata} column. Written and read
 * with the JSON-P streaming API (a flat object of strings needs no binding), with the provider looked up
 * once: every stored event's metadata passes through here when it is appended and when it is read.
 */
public final class MetadataJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private MetadataJson() {
    }

    /**
     * @param metadata metadata
     * @return its JSON
     */
    public static String write(Metadata metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return "{}";
        }
        StringWriter json = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(json)) {
            generator.writeStartObject();
            metadata.asMap().forEach(generator::write);
            generator.writeEnd();
        }
        return json.toString();
    }

    /**
     * @param json a JSON object of strings
     * @return the metadata
     * @throws IllegalArgumentException when the text is not a JSON object of scalar values
     */
    public static Metadata read(String json) {
        if (json == null || json.isBlank() || json.equals("{}")) {
            return Metadata.empty();
        }
        Map<String, String> entries = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw notAnObject(json);
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                if (event != JsonParser.Event.KEY_NAME) {
                    throw notAnObject(json);
                }
                String key = parser.getString();
                switch (parser.next()) {
                    case VALUE_STRING, VALUE_NUMBER -> entries.put(key, parser.getString());
                    case VALUE_TRUE -> entries.put(key, "true");
                    case VALUE_FALSE -> entries.put(key, "false");
                    case VALUE_NULL -> {
                        // no value: no entry
                    }
                    default -> throw notAnObject(json);
                }
            }
        } catch (JsonParsingException e) {
            throw new IllegalArgumentException("stored metadata is not JSON: " + json, e);
        }
        return Metadata.of(entries);
    }

    private static IllegalArgumentException notAnObject(String json) {
        return new IllegalArgumentException("stored metadata is not a JSON object of strings: " + json);
    }
}
