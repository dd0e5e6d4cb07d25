package io.recq.example.todolist.api;

import io.recq.api.DomainCommand;

/** Adds a todo to a list; a list holds at most {@value io.recq.example.todolist.api.TodoRules#MAX_TODOS} todos. */
public record AddTodo(String listId, String todoId, String text) implements DomainCommand {

    @Override
    public String aggregateId() {
        return listId;
    }
}
