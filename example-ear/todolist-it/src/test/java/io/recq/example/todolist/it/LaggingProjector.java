package io.recq.example.todolist.it;

import java.time.Instant;

import io.recq.api.EventHandler;
import io.recq.api.Projector;
import io.recq.example.todolist.api.TodoAdded;
import io.recq.example.todolist.api.TodoChecked;
import io.recq.example.todolist.api.TodoListCreated;

/**
 * A projector slow enough on the events stored after it was deployed that its lag can be seen in the metrics
 * before it falls back to 0; what other tests stored before it replays at full speed.
 */
@Projector(version = 1)
public class LaggingProjector {

    private static final Instant DEPLOYED = Instant.now();

    @EventHandler
    void on(TodoListCreated event, Instant storedAt) throws InterruptedException {
        lag(storedAt);
    }

    @EventHandler
    void on(TodoAdded event, Instant storedAt) throws InterruptedException {
        lag(storedAt);
    }

    @EventHandler
    void on(TodoChecked event, Instant storedAt) throws InterruptedException {
        lag(storedAt);
    }

    private static void lag(Instant storedAt) throws InterruptedException {
        if (storedAt.isAfter(DEPLOYED)) {
            Thread.sleep(300);
        }
    }
}
