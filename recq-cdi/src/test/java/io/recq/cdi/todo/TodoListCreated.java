package io.recq.cdi.todo;

import io.recq.api.DomainEvent;

public record TodoListCreated(String listId, String title) implements DomainEvent {
}
