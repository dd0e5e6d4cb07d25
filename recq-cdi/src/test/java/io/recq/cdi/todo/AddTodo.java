package io.recq.cdi.todo;

import io.recq.api.DomainCommand;

public record AddTodo(String listId, String text, Priority priority) implements DomainCommand {

    @Override
    public String aggregateId() {
        return listId;
    }
}
