package io.recq.test.sample;

import java.time.Instant;

import io.recq.api.DomainEvent;

public record AccountOpened(String accountId, String owner, long overdraftLimit, Instant openedAt)
        implements DomainEvent {
}
