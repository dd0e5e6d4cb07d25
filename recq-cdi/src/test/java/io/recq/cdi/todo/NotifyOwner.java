package io.recq.cdi.todo;

import io.recq.api.ServiceCommand;

public record NotifyOwner(String listId, String message) implements ServiceCommand {

    @Override
    public String lockId() {
        return listId;
    }
}
