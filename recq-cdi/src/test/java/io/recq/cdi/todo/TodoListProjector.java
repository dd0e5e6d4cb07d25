package io.recq.cdi.todo;

import jakarta.inject.Inject;

import io.recq.api.EventHandler;
import io.recq.api.EventMessage;
import io.recq.api.Projector;
import io.recq.api.ProjectorStatus;

/** Projector with initializer injection. */
@Projector(version = 2)
public class TodoListProjector {

    private TodoListStore store;

    @Inject
    void use(TodoListStore store) {
        this.store = store;
    }

    @EventHandler
    public void on(TodoListCreated event, ProjectorStatus status) {
        store.create(event.listId(), event.title());
    }

    @EventHandler(retry = 5, retryDelay = 50)
    void on(EventMessage<TodoAdded> message, TodoAdded event) {
        store.add(event.listId(), event.text());
    }
}
