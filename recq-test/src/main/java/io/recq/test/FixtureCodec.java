package io.recq.test;

import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import io.recq.api.InvalidPayloadException;
import io.recq.api.Payload;
import io.recq.cdi.model.DeploymentProblem;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.PayloadTypes;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.serialization.PayloadCodec;

/**
 * The server's {@link PayloadCodec} with a registry made of the component's model plus the payload classes
 * a test uses, and a check that what is read back writes the same JSON again (so a property that is
 * written but cannot be read back, which would be lost on the wire or in the store, fails the test).
 */
final class FixtureCodec implements AutoCloseable {

    private final Map<String, Class<? extends Payload>> registry = new ConcurrentHashMap<>();
    private final PayloadCodec codec;

    FixtureCodec(RecqModel model) {
        registry.putAll(model.payloadTypes());
        codec = new PayloadCodec(name -> Optional.ofNullable(registry.get(name)),
                PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /**
     * Registers a payload class, as the deployment registers every class its handlers consume or produce.
     *
     * @throws IllegalStateException with {@code RECQ-00013} when another class has the same logical name
     */
    void register(Class<? extends Payload> type) {
        String name = PayloadTypes.logicalName(type);
        Class<? extends Payload> previous = registry.putIfAbsent(name, type);
        if (previous != null && !previous.equals(type)) {
            throw new IllegalStateException(new DeploymentProblem(ErrorCode.DUPLICATE_PAYLOAD_NAME,
                    previous.getName() + " and " + type.getName(), "payload classes share the logical name '"
                            + name + "'",
                    "rename one of them; a payload's logical name is its simple class name and must be unique in "
                            + "a deployment").message());
        }
    }

    /**
     * Sends a payload over the wire and back, as the server does between sender and handler.
     *
     * @return the payload as the receiver reads it
     * @throws InvalidPayloadException ({@code RECQ-01003}) when it cannot be written or read, or loses data
     */
    @SuppressWarnings("unchecked")
    <P extends Payload> P roundTrip(P payload) {
        if (payload == null) {
            throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " the payload is null. Fix: pass a "
                    + "command, event or query instance");
        }
        if (PayloadTypes.isConcretePayload(payload.getClass())) {
            register((Class<? extends Payload>) payload.getClass());
        }
        String json = codec.writePayload(payload);
        Payload read = codec.readPayload(PayloadCodec.logicalName(payload), json);
        checkLossless(json, codec.writePayload(read), "payload " + PayloadCodec.logicalName(payload));
        return (P) read;
    }

    /**
     * Stores a state or answer and reads it back into {@code type}, as the server does with snapshots, saga
     * state and query answers.
     *
     * @return the value as read back
     * @throws InvalidPayloadException ({@code RECQ-01003}) when it cannot be written or read, or loses data
     */
    <T> T roundTripValue(Object value, Type type, String what) {
        return readValue(writeValue(value, type, what), type);
    }

    /**
     * Writes a state to JSON as the store would, having checked that it reads back without loss.
     *
     * @return the JSON
     * @throws InvalidPayloadException ({@code RECQ-01003}) when it cannot be written or read, or loses data
     */
    String writeValue(Object value, Type type, String what) {
        String json = codec.writeValue(value);
        Object read = codec.readValue(json, type);
        checkLossless(json, codec.writeValue(read), what);
        return json;
    }

    /**
     * @return the value read from JSON written by {@link #writeValue(Object, Type, String)}
     */
    <T> T readValue(String json, Type type) {
        return codec.readValue(json, type);
    }

    /**
     * @return the JSON of a value, for messages
     */
    String json(Object value) {
        try {
            return codec.writeValue(value);
        } catch (RuntimeException e) {
            return String.valueOf(value);
        }
    }

    /**
     * @return the JSON of a value as a tree, or empty when it cannot be written
     */
    Optional<JsonValue> tree(Object value) {
        try {
            return Optional.of(parse(codec.writeValue(value)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void checkLossless(String written, String rewritten, String what) {
        if (!written.equals(rewritten) && !parse(written).equals(parse(rewritten))) {
            throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " the " + what
                    + " does not survive a JSON-B round trip: it is written as " + written
                    + " but read back as " + rewritten + ". Fix: give every property both a public getter and a "
                    + "public setter (or a public field, or use a record)");
        }
    }

    static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    @Override
    public void close() {
        codec.close();
    }
}
