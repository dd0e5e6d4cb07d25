package io.recq.example.todolist.api;

import io.recq.api.DomainEvent;

/** A todo list was created by a user. */
public record TodoListCreated(String listId, String name, String user) implements DomainEvent {
}
