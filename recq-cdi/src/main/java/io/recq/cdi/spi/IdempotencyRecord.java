package io.recq.cdi.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The result of a command handled with an idempotency key, returned to every later sender of the same key.
 *
 * @param key the idempotency key
 * @param commandName the logical name of the command that was handled
 * @param resultName the logical name of the result, or {@code null} for none
 * @param resultJson the result's JSON, or {@code null} for none
 * @param recordedAt when the command was handled
 */
public record IdempotencyRecord(String key, String commandName, String resultName, String resultJson,
        Instant recordedAt) {

    public IdempotencyRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
