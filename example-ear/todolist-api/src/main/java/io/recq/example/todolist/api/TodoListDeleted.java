package io.recq.example.todolist.api;

import io.recq.api.DomainEvent;

/** A todo list was deleted. */
public record TodoListDeleted(String listId, String user) implements DomainEvent {
}
