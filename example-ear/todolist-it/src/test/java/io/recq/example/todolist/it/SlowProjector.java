package io.recq.example.todolist.it;

import io.recq.api.EventHandler;
import io.recq.api.Projector;
import io.recq.example.todolist.api.TodoAdded;
import io.recq.example.todolist.api.TodoListCreated;

/**
 * A projector that takes its time, so that its replay of the stored events can be watched.
 */
@Projector(version = 1)
public class SlowProjector {

    @EventHandler
    void on(TodoListCreated event) throws InterruptedException {
        Thread.sleep(40);
    }

    @EventHandler
    void on(TodoAdded event) throws InterruptedException {
        Thread.sleep(40);
    }
}
