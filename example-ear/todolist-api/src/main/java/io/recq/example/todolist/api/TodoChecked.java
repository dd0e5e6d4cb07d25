package io.recq.example.todolist.api;

import io.recq.api.DomainEvent;

/** A todo was checked; {@code allChecked} tells whether every todo of the list is now checked. */
public record TodoChecked(String listId, String todoId, String user, boolean allChecked) implements DomainEvent {
}
