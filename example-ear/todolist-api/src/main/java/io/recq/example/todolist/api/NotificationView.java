package io.recq.example.todolist.api;

import java.time.Instant;

import io.recq.api.View;

/** A notification that was sent about a list. */
public record NotificationView(String listId, String user, String message, Instant sentAt) implements View {
}
