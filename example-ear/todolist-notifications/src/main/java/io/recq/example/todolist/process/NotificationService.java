package io.recq.example.todolist.process;

import java.time.Instant;
import java.util.logging.Logger;

import io.recq.api.CommandHandler;
import io.recq.api.Service;
import io.recq.example.todolist.api.NotificationSent;
import io.recq.example.todolist.api.SendNotification;

/**
 * Sends notifications. This example writes them to the log; a real one would send a mail or a push
 * message. The returned event puts the notification into the read model.
 */
@Service
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class.getName());

    @CommandHandler
    NotificationSent handle(SendNotification command, Instant timestamp) {
        LOG.info(() -> "Notify " + command.user() + ": " + command.message());
        return new NotificationSent(command.listId(), command.user(), command.message(), timestamp);
    }
}
