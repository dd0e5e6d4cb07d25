package io.recq.test.sample;

import io.recq.api.DomainEvent;

public record AccountClosed(String accountId) implements DomainEvent {
}
