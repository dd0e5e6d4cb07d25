package io.recq.example.todolist.it;

import io.recq.api.EventHandler;
import io.recq.api.Projector;
import io.recq.example.todolist.api.TodoAdded;

/**
 * A projector that cannot handle a todo whose text starts with "poison" while {@link ProbeSwitch} says it is
 * broken: its event goes to the dead event queue after one retry. It counts the events it handled.
 */
@Projector(version = 1)
public class PoisonProjector {

    @EventHandler(retry = 1, retryDelay = 10)
    void on(TodoAdded event) {
        if (event.text().startsWith("poison") && ProbeSwitch.broken) {
            throw new IllegalStateException("cannot project a poisoned todo: " + event.text());
        }
        ProbeSwitch.handled.incrementAndGet();
    }
}
