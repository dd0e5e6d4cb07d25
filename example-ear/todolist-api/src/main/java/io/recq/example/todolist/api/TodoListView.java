package io.recq.example.todolist.api;

import java.time.Instant;
import java.util.List;

import io.recq.api.View;

/** A todo list with its todos, as shown to users. */
public record TodoListView(String listId, String name, String createdBy, List<TodoView> todos, boolean allChecked,
        boolean archived, Instant updatedAt) implements View {
}
