package io.recq.cdi.todo;

import java.time.Instant;

import io.recq.api.DomainEvent;

public record TodoAdded(String listId, String text, Priority priority, Instant addedAt) implements DomainEvent {
}
