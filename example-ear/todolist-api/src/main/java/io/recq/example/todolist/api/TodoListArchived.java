package io.recq.example.todolist.api;

import io.recq.api.DomainEvent;

/** A list whose todos were all checked was archived. */
public record TodoListArchived(String listId) implements DomainEvent {
}
