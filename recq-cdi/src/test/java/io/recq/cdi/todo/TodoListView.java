package io.recq.cdi.todo;

import java.util.List;

import io.recq.api.View;

public record TodoListView(String listId, String title, List<String> todos) implements View {
}
