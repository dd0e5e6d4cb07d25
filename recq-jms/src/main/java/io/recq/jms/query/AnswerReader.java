package io.recq.jms.query;

import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import io.recq.api.InvalidPayloadException;
import io.recq.api.Single;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.serialization.PayloadCodec;

/**
 * Reads an answer's JSON into the query's declared answer type. {@code Single<V>} is read through its item
 * type, because JSON-B implementations cannot resolve a record component typed by a type variable.
 */
final class AnswerReader {

    private AnswerReader() {
    }

    static Object read(PayloadCodec codec, String json, Type answerType) {
        if (json == null) {
            return null;
        }
        if (answerType instanceof ParameterizedType parameterized && parameterized.getRawType() == Single.class) {
            return readSingle(codec, json, parameterized.getActualTypeArguments()[0]);
        }
        return codec.readValue(json, answerType);
    }

    private static Single<?> readSingle(PayloadCodec codec, String json, Type itemType) {
        JsonValue data;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return Single.empty();
            }
            data = ((JsonObject) value).get("data");
        } catch (JsonException | ClassCastException | IllegalStateException e) {
            throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " the answer " + json
                    + " is not a Single. Fix: return Single.of(...) or Single.empty() from the @QueryHandler");
        }
        if (data == null || data.getValueType() == JsonValue.ValueType.NULL) {
            return Single.empty();
        }
        return Single.of(codec.readValue(data.toString(), itemType));
    }
}
