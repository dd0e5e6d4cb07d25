package io.recq.example.todolist.it;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.example.todolist.api.CreateTodoList;
import io.recq.example.todolist.api.TodoListCreated;

/**
 * A service that also claims to create todo lists: it must not start beside the domain service.
 */
@Aggregate
public class RivalTodoLists {

    @AggregateCommandHandler(init = true)
    TodoListCreated create(CreateTodoList command) {
        return new TodoListCreated(command.listId(), command.name(), "rival");
    }
}
