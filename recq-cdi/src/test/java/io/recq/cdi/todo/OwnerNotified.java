package io.recq.cdi.todo;

import io.recq.api.ServiceEvent;

public record OwnerNotified(String listId, String message) implements ServiceEvent {
}
