package io.recq.cdi.it.broken;

import io.recq.api.DomainEvent;

public record ItemAdded(String cartId, String item) implements DomainEvent {
}
