package io.recq.example.todolist.api;

import io.recq.api.DomainCommand;

/** Creates a todo list with a name. */
public record CreateTodoList(String listId, String name) implements DomainCommand {

    @Override
    public String aggregateId() {
        return listId;
    }
}
