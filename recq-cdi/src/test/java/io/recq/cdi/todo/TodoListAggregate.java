package io.recq.cdi.todo;

import java.util.List;

import jakarta.inject.Inject;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.EventSourcingHandler;
import io.recq.api.Metadata;

/** Aggregate with constructor injection. */
@Aggregate(snapshotFrequency = 50)
public class TodoListAggregate {

    private TodoClock clock;

    protected TodoListAggregate() {
        // for the proxy
    }

    @Inject
    public TodoListAggregate(TodoClock clock) {
        this.clock = clock;
    }

    @AggregateCommandHandler(init = true)
    public TodoListCreated handle(CreateTodoList command) {
        return new TodoListCreated(command.listId(), command.title());
    }

    @AggregateCommandHandler
    List<TodoAdded> handle(Metadata metadata, AddTodo command, TodoListState state) {
        if (state.getTodoCount() >= 100) {
            throw new IllegalStateException("list " + command.listId() + " is full");
        }
        return List.of(new TodoAdded(command.listId(), command.text(), command.priority(), clock.now()));
    }

    @EventSourcingHandler
    public TodoListState on(TodoListCreated event) {
        TodoListState state = new TodoListState();
        state.setTitle(event.title());
        return state;
    }

    @EventSourcingHandler
    void on(TodoAdded event, TodoListState state) {
        state.setTodoCount(state.getTodoCount() + 1);
    }
}
