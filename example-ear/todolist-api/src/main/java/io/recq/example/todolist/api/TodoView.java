package io.recq.example.todolist.api;

import io.recq.api.View;

/** One todo as shown to users. */
public record TodoView(String todoId, String text, boolean checked, String checkedBy) implements View {
}
