package io.recq.example.todolist.api;

import java.time.Instant;

import io.recq.api.ServiceEvent;

/** A notification was sent to a user. */
public record NotificationSent(String listId, String user, String message, Instant sentAt) implements ServiceEvent {
}
