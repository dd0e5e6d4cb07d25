package io.recq.example.todolist.api;

import io.recq.api.DomainEvent;

/** A todo was removed from a list. */
public record TodoRemoved(String listId, String todoId, String user) implements DomainEvent {
}
