package io.recq.cdi.todo;

import io.recq.api.DomainCommand;

public record CreateTodoList(String listId, String title) implements DomainCommand {

    @Override
    public String aggregateId() {
        return listId;
    }
}
