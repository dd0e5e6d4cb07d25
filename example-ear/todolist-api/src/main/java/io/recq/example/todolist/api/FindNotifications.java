package io.recq.example.todolist.api;

import io.recq.api.Multiple;
import io.recq.api.Query;

/** The notifications sent about a list, oldest first. */
public record FindNotifications(String listId) implements Query<Multiple<NotificationView>> {
}
