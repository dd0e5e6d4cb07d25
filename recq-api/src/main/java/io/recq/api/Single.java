package io.recq.api;

import java.util.Optional;

import jakarta.json.bind.annotation.JsonbTransient;

/**
 * A query answer holding at most one item. An empty answer is an answer, not an error.
 *
 * @param data the item, or {@code null} when the answer is empty
 * @param <V> the type of the item, usually a {@link View}
 */
public record Single<V>(V data) {

    /**
     * @param data the item; must not be {@code null} (use {@link #empty()})
     * @param <V> the type of the item
     * @return an answer holding {@code data}
     */
    public static <V> Single<V> of(V data) {
        if (data == null) {
            throw new IllegalArgumentException("Single.of(null): use Single.empty() for an empty answer");
        }
        return new Single<>(data);
    }

    /**
     * @param <V> the type of the item
     * @return an answer holding nothing
     */
    public static <V> Single<V> empty() {
        return new Single<>(null);
    }

    /**
     * @return whether this answer holds no item
     */
    @JsonbTransient
    public boolean isEmpty() {
        return data == null;
    }

    /**
     * @return the item, if any
     */
    public Optional<V> asOptional() {
        return Optional.ofNullable(data);
    }
}
