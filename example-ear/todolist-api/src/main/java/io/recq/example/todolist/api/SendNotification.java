package io.recq.example.todolist.api;

import io.recq.api.ServiceCommand;

/** Notifies a user; notifications about one list are sent one at a time. */
public record SendNotification(String listId, String user, String message) implements ServiceCommand {

    @Override
    public String lockId() {
        return listId;
    }
}
