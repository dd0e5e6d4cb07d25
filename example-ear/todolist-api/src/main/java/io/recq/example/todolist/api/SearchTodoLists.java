package io.recq.example.todolist.api;

import io.recq.api.Multiple;
import io.recq.api.Query;

/** Lists whose name contains the text (case-insensitive), ordered by name, one page at a time. */
public record SearchTodoLists(String nameContains, int page, int size) implements Query<Multiple<TodoListSummary>> {
}
