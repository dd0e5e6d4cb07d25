package io.recq.example.todolist.api;

import io.recq.api.DomainCommand;

/** Checks a todo as done. */
public record CheckTodo(String listId, String todoId) implements DomainCommand {

    @Override
    public String aggregateId() {
        return listId;
    }
}
