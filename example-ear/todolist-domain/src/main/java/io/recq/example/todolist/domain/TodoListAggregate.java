package io.recq.example.todolist.domain;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.EventSourcingHandler;
import io.recq.api.Metadata;
import io.recq.example.todolist.api.AddTodo;
import io.recq.example.todolist.api.ArchiveTodoList;
import io.recq.example.todolist.api.CheckTodo;
import io.recq.example.todolist.api.CreateTodoList;
import io.recq.example.todolist.api.DeleteTodoList;
import io.recq.example.todolist.api.RemoveTodo;
import io.recq.example.todolist.api.TodoAdded;
import io.recq.example.todolist.api.TodoChecked;
import io.recq.example.todolist.api.TodoListArchived;
import io.recq.example.todolist.api.TodoListCreated;
import io.recq.example.todolist.api.TodoListDeleted;
import io.recq.example.todolist.api.TodoRemoved;
import io.recq.example.todolist.api.TodoRuleViolation;
import io.recq.example.todolist.api.TodoRules;

/**
 * A todo list: it has a name, holds at most five todos, refuses to remove a checked todo or to be deleted
 * while it holds one, and records the acting user (metadata key {@value #USER}) on every event.
 */
@Aggregate(snapshotFrequency = 10)
public class TodoListAggregate {

    /** The metadata key of the acting user. */
    public static final String USER = TodoRules.USER;

    @AggregateCommandHandler(init = true)
    TodoListCreated handle(CreateTodoList command, Metadata metadata) {
        if (command.name() == null || command.name().isBlank() || command.name().length() > 100) {
            throw TodoRuleViolation.of(TodoRules.INVALID_NAME, "a list needs a name of 1 to 100 characters");
        }
        return new TodoListCreated(command.listId(), command.name().strip(), user(metadata));
    }

    @AggregateCommandHandler
    TodoAdded handle(AddTodo command, TodoListState state, Metadata metadata) {
        requireOpen(state);
        if (command.text() == null || command.text().isBlank() || command.text().length() > 200) {
            throw TodoRuleViolation.of(TodoRules.INVALID_TEXT, "a todo needs a text of 1 to 200 characters");
        }
        if (state.getTodos().containsKey(command.todoId())) {
            throw TodoRuleViolation.of(TodoRules.DUPLICATE_TODO, "the list already holds todo " + command.todoId());
        }
        if (state.getTodos().size() >= TodoRules.MAX_TODOS) {
            throw TodoRuleViolation.of(TodoRules.LIST_FULL,
                    "a list holds at most " + TodoRules.MAX_TODOS + " todos");
        }
        return new TodoAdded(command.listId(), command.todoId(), command.text().strip(), user(metadata));
    }

    @AggregateCommandHandler
    TodoRemoved handle(RemoveTodo command, TodoListState state, Metadata metadata) {
        requireOpen(state);
        Boolean checked = requireTodo(state, command.todoId());
        if (checked) {
            throw TodoRuleViolation.of(TodoRules.TODO_CHECKED, "a checked todo cannot be removed");
        }
        return new TodoRemoved(command.listId(), command.todoId(), user(metadata));
    }

    @AggregateCommandHandler
    TodoChecked handle(CheckTodo command, TodoListState state, Metadata metadata) {
        requireOpen(state);
        requireTodo(state, command.todoId());
        boolean allChecked = state.getTodos().entrySet().stream()
                .allMatch(e -> e.getValue() || e.getKey().equals(command.todoId()));
        return new TodoChecked(command.listId(), command.todoId(), user(metadata), allChecked);
    }

    @AggregateCommandHandler
    TodoListDeleted handle(DeleteTodoList command, TodoListState state, Metadata metadata) {
        if (state.getTodos().containsValue(Boolean.TRUE)) {
            throw TodoRuleViolation.of(TodoRules.LIST_HAS_CHECKED_TODO,
                    "a list holding a checked todo cannot be deleted");
        }
        return new TodoListDeleted(command.listId(), user(metadata));
    }

    @AggregateCommandHandler
    TodoListArchived handle(ArchiveTodoList command, TodoListState state) {
        requireOpen(state);
        if (!state.allChecked()) {
            throw TodoRuleViolation.of(TodoRules.NOT_ALL_CHECKED, "only a list whose todos are all checked is archived");
        }
        return new TodoListArchived(command.listId());
    }

    @EventSourcingHandler
    TodoListState on(TodoListCreated event) {
        TodoListState state = new TodoListState();
        state.setName(event.name());
        return state;
    }

    @EventSourcingHandler
    void on(TodoAdded event, TodoListState state) {
        state.getTodos().put(event.todoId(), Boolean.FALSE);
    }

    @EventSourcingHandler
    void on(TodoRemoved event, TodoListState state) {
        state.getTodos().remove(event.todoId());
    }

    @EventSourcingHandler
    void on(TodoChecked event, TodoListState state) {
        state.getTodos().put(event.todoId(), Boolean.TRUE);
    }

    @EventSourcingHandler
    void on(TodoListArchived event, TodoListState state) {
        state.setArchived(true);
    }

    @EventSourcingHandler
    void on(TodoListDeleted event, TodoListState state) {
        state.setDeleted(true);
    }

    private static void requireOpen(TodoListState state) {
        if (state.isArchived()) {
            throw TodoRuleViolation.of(TodoRules.LIST_ARCHIVED, "an archived list accepts no changes");
        }
    }

    private static Boolean requireTodo(TodoListState state, String todoId) {
        Boolean checked = state.getTodos().get(todoId);
        if (checked == null) {
            throw TodoRuleViolation.of(TodoRules.UNKNOWN_TODO, "the list holds no todo " + todoId);
        }
        return checked;
    }

    private static String user(Metadata metadata) {
        return metadata.get(USER).orElse("anonymous");
    }
}
