package io.recq.example.todolist.process;

import java.time.Duration;

import io.recq.api.CommandGateway;
import io.recq.api.EventHandler;
import io.recq.api.EventMessage;
import io.recq.api.Metadata;
import io.recq.api.Observer;
import io.recq.example.todolist.api.SendNotification;
import io.recq.example.todolist.api.TodoChecked;

/**
 * Has the user notified when the last todo of a list is checked. Observers see an event at least once, so
 * the notification carries an idempotency key derived from the event: a second delivery sends nothing.
 */
@Observer(version = 1)
public class AllCheckedObserver {

    @EventHandler
    void on(TodoChecked event, EventMessage<TodoChecked> message, CommandGateway commandGateway) {
        if (event.allChecked()) {
            commandGateway.sendAndWait(
                    new SendNotification(event.listId(), event.user(),
                            "All todos of list " + event.listId() + " are done"),
                    Metadata.of(Metadata.IDEMPOTENCY_KEY, "all-checked-" + message.sequence()), Duration.ofSeconds(30));
        }
    }
}
