package io.recq.jms.it.health;

import io.recq.api.Query;

/** How many items of a stock keeping unit there are. */
public record CountStock(String sku) implements Query<Integer> {
}
