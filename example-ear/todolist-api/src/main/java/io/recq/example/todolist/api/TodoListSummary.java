package io.recq.example.todolist.api;

import io.recq.api.View;

/** A todo list in a search result. */
public record TodoListSummary(String listId, String name, int todoCount, int checkedCount, boolean archived)
        implements View {
}
