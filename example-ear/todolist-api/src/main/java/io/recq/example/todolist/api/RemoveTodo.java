package io.recq.example.todolist.api;

import io.recq.api.DomainCommand;

/** Removes a todo from a list; refused for a checked todo. */
public record RemoveTodo(String listId, String todoId) implements DomainCommand {

    @Override
    public String aggregateId() {
        return listId;
    }
}
