package io.recq.cdi.todo;

import jakarta.inject.Inject;

import io.recq.api.CommandHandler;
import io.recq.api.Service;

/** Service with field injection. */
@Service
public class NotificationService {

    @Inject
    NotificationLog log;

    @CommandHandler
    public OwnerNotified handle(NotifyOwner command) {
        log.add("notified " + command.listId() + ": " + command.message());
        return new OwnerNotified(command.listId(), command.message());
    }
}
