package io.recq.example.todolist.api;

import io.recq.api.DomainCommand;

/** Deletes a todo list; refused while it holds a checked todo. */
public record DeleteTodoList(String listId) implements DomainCommand {

    @Override
    public String aggregateId() {
        return listId;
    }
}
