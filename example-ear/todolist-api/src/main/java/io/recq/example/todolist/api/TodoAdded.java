package io.recq.example.todolist.api;

import io.recq.api.DomainEvent;

/** A todo was added to a list. */
public record TodoAdded(String listId, String todoId, String text, String user) implements DomainEvent {
}
