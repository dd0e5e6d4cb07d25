package io.recq.example.todolist.api;

import io.recq.api.Query;
import io.recq.api.Single;

/** The list with this id, or an empty answer. */
public record FindTodoList(String listId) implements Query<Single<TodoListView>> {
}
