package io.recq.api;

import java.util.List;

import jakarta.json.bind.annotation.JsonbTransient;

/**
 * A query answer holding a list of items, in the order the projection chose.
 *
 * @param data the items, never {@code null}
 * @param <V> the type of the items, usually a {@link View}
 */
public record Multiple<V>(List<V> data) {

    /**
     * @param data the items (copied)
     */
    public Multiple {
        data = data == null ? List.of() : List.copyOf(data);
    }

    /**
     * @param data the items (copied; {@code null} elements are not allowed)
     * @param <V> the type of the items
     * @return an answer holding the items
     */
    public static <V> Multiple<V> of(List<V> data) {
        return new Multiple<>(data);
    }

    /**
     * @param <V> the type of the items
     * @return an answer holding no item
     */
    public static <V> Multiple<V> empty() {
        return new Multiple<>(List.of());
    }

    /**
     * @return whether this answer holds no item
     */
    @JsonbTransient
    public boolean isEmpty() {
        return data.isEmpty();
    }
}
