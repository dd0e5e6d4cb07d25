package io.recq.cdi.todo;

import io.recq.api.Query;
import io.recq.api.Single;

public record FindTodoList(String listId) implements Query<Single<TodoListView>> {
}
