package io.recq.example.todolist.api;

import io.recq.api.DomainCommand;

/** Archives a list whose todos are all checked; an archived list accepts no more changes. */
public record ArchiveTodoList(String listId) implements DomainCommand {

    @Override
    public String aggregateId() {
        return listId;
    }
}
