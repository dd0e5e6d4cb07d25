package io.recq.cdi.todo;

import jakarta.inject.Inject;

import io.recq.api.Projection;
import io.recq.api.QueryHandler;
import io.recq.api.Single;

/** Projection with constructor injection. */
@Projection
public class TodoListProjection {

    private TodoListStore store;

    protected TodoListProjection() {
        // for the proxy
    }

    @Inject
    public TodoListProjection(TodoListStore store) {
        this.store = store;
    }

    @QueryHandler
    public Single<TodoListView> handle(FindTodoList query) {
        return store.find(query.listId()).map(Single::of).orElseGet(Single::empty);
    }
}
