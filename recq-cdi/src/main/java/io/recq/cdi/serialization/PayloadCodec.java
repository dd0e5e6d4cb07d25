package io.recq.cdi.serialization;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;

import io.recq.api.InvalidPayloadException;
import io.recq.api.Multiple;
import io.recq.api.Payload;
import io.recq.api.Single;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.PayloadTypes;
import io.recq.cdi.model.RecqModel;

/**
 * Writes payloads, state and answers as JSON with JSON-B, and reads JSON back only into registered payload
 * classes (by logical name) or into a type the caller names. Thread-safe.
 */
public final class PayloadCodec implements AutoCloseable {

    /** The JSON-B property (Yasson's) that makes a read fail on a property the class does not have. */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    /** The default largest accepted payload, in bytes of UTF-8 JSON. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

    private final Jsonb jsonb;
    /** Reads what another program sent: a property the class does not have fails the read. */
    private final Jsonb strict;
    private final Function<String, Optional<Class<? extends Payload>>> registry;
    private final int maxPayloadBytes;

    /**
     * @param model the deployment model whose payload types may be read
     * @param maxPayloadBytes the largest payload accepted, in bytes
     */
    public PayloadCodec(RecqModel model, int maxPayloadBytes) {
        this(model::payloadType, maxPayloadBytes);
    }

    /**
     * @param registry resolves a logical name to a registered payload class
     * @param maxPayloadBytes the largest payload accepted, in bytes
     */
    public PayloadCodec(Function<String, Optional<Class<? extends Payload>>> registry, int maxPayloadBytes) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, got " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(false));
        this.strict = JsonbBuilder.create(new JsonbConfig().withFormatting(false)
                .setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true));
    }

    /**
     * @param registered a fixed set of payload classes by logical name
     * @return a codec reading only those classes, with the default size limit
     */
    public static PayloadCodec forTypes(Map<String, Class<? extends Payload>> registered) {
        return new PayloadCodec(name -> Optional.ofNullable(registered.get(name)), DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /**
     * @return the largest payload accepted, in bytes
     */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * @param payload a payload
     * @return its logical name
     */
    public static String logicalName(Payload payload) {
        return PayloadTypes.logicalName(payload.getClass());
    }

    /**
     * Serialises a payload, refusing one that cannot be written, is not registered, or is too large.
     *
     * @param payload the payload
     * @return its JSON
     * @throws InvalidPayloadException when it cannot be sent
     */
    public String writePayload(Payload payload) {
        if (payload == null) {
            throw invalid("the payload is null", "pass a command, event or query instance");
        }
        String name = logicalName(payload);
        Optional<Class<? extends Payload>> registered = registry.apply(name);
        if (registered.isEmpty() || !registered.get().equals(payload.getClass())) {
            throw invalid("the payload class " + payload.getClass().getName() + " is not registered in this "
                            + "deployment (no handler consumes or produces '" + name + "')",
                    "declare a handler for it, or check that the class is part of the deployment");
        }
        String json = write(payload, "payload " + name);
        checkSize(json, name);
        return json;
    }

    /**
     * Reads a payload of a registered class.
     *
     * @param logicalName the payload's logical name, as sent
     * @param json the JSON
     * @return the payload
     * @throws InvalidPayloadException when the name is not registered, the JSON is malformed or too large
     */
    public Payload readPayload(String logicalName, String json) {
        return readPayload(logicalName, json, jsonb);
    }

    private Payload readPayload(String logicalName, String json, Jsonb reader) {
        if (logicalName == null || logicalName.isBlank()) {
            throw invalid("the message names no payload type", "send messages through the RECQ gateways");
        }
        Class<? extends Payload> type = registry.apply(logicalName).orElseThrow(() -> invalid(
                "the payload type '" + logicalName + "' is not registered in this deployment",
                "deploy the component that handles it, or check the sender's payload class name"));
        if (json == null) {
            throw invalid("the message for '" + logicalName + "' has no body", "send a JSON body");
        }
        checkSize(json, logicalName);
        Payload payload = read(reader, json, type, "payload " + logicalName);
        if (payload == null) {
            throw invalid("the message for '" + logicalName + "' holds the JSON null", "send a JSON object");
        }
        return payload;
    }

    /**
     * Reads a command or query another program sent: like {@link #readPayload}, but a JSON property the
     * registered class does not have fails the read, since what it carries would be lost (the sender has
     * another version of the class). A property the JSON lacks is read as {@code null} or zero, so that a
     * class may gain optional properties before its senders do.
     *
     * @param logicalName the payload's logical name, as sent
     * @param json the JSON
     * @return the payload
     * @throws InvalidPayloadException when the name is not registered, the JSON is malformed, too large or has a
     *         property the class does not have
     */
    public Payload readIncoming(String logicalName, String json) {
        return readPayload(logicalName, json, strict);
    }

    /**
     * Serialises a state object or answer (no registration check).
     *
     * @param value any JSON-B serialisable value
     * @return its JSON
     */
    public String writeValue(Object value) {
        return write(value, value == null ? "null" : value.getClass().getName());
    }

    /**
     * Reads a state object or answer into the type the caller names.
     *
     * @param json the JSON
     * @param type the type to read
     * @param <T> the type to read
     * @return the value
     */
    @SuppressWarnings("unchecked")
    public <T> T readValue(String json, Type type) {
        return (T) read(jsonb, json, type, type.getTypeName());
    }

    private String write(Object value, String what) {
        try {
            return jsonb.toJson(value);
        } catch (JsonbException | IllegalArgumentException e) {
            throw invalid("the " + what + " cannot be serialised with JSON-B: " + rootMessage(e),
                    "make it a record or a class with public getters, using types JSON-B knows", e);
        }
    }

    private <T> T read(Jsonb reader, String json, Type type, String what) {
        try {
            Class<?> raw = PayloadTypes.rawClass(type);
            if (raw == Single.class || raw == Multiple.class) {
                @SuppressWarnings("unchecked")
                T answer = (T) readAnswer(reader.fromJson(json, JsonValue.class), type);
                return answer;
            }
            return reader.fromJson(json, type);
        } catch (JsonbException | JsonException | IllegalArgumentException | ClassCastException e) {
            throw invalid("the " + what + " cannot be read from its JSON: " + rootMessage(e),
                    "send JSON that matches " + type.getTypeName(), e);
        }
    }

    /**
     * Reads {@link Single} and {@link Multiple} answers item by item in the item type. Yasson cannot bind the
     * type variable of a generic record's canonical constructor (it fails with "Error resolving runtime type
     * for type: V"), so {@code data} is read here with the item type taken from the declared answer type.
     */
    private Object readAnswer(JsonValue value, Type type) {
        Class<?> raw = PayloadTypes.rawClass(type);
        if (raw != Single.class && raw != Multiple.class) {
            return jsonb.fromJson(value.toString(), type);
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Type itemType = type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
        JsonValue data = value.asJsonObject().getOrDefault("data", JsonValue.NULL);
        if (raw == Single.class) {
            return data.getValueType() == JsonValue.ValueType.NULL ? Single.empty()
                    : Single.of(readAnswer(data, itemType));
        }
        if (data.getValueType() == JsonValue.ValueType.NULL) {
            return Multiple.empty();
        }
        List<Object> items = new ArrayList<>();
        for (JsonValue item : data.asJsonArray()) {
            Object read = item.getValueType() == JsonValue.ValueType.NULL ? null : readAnswer(item, itemType);
            if (read == null) {
                throw new IllegalArgumentException("a Multiple holds a null item");
            }
            items.add(read);
        }
        return Multiple.of(items);
    }

    private void checkSize(String json, String name) {
        // a UTF-8 character takes at most 3 bytes in a Java String's char; only count exactly near the limit
        if (json.length() * 3L > maxPayloadBytes) {
            int bytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxPayloadBytes) {
                throw invalid("the payload '" + name + "' takes " + bytes + " bytes, over the limit of "
                        + maxPayloadBytes, "send a smaller payload, or raise recq.payload.max-bytes");
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }

    private static InvalidPayloadException invalid(String found, String fix) {
        return new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " " + found + ". Fix: " + fix);
    }

    private static InvalidPayloadException invalid(String found, String fix, Throwable cause) {
        return new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " " + found + ". Fix: " + fix, cause);
    }

    @Override
    public void close() {
        try {
            jsonb.close();
            strict.close();
        } catch (Exception e) {
            // nothing to release that matters
        }
    }
}
