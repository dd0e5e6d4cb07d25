package io.recq.cdi.todo;

import java.time.Instant;

import jakarta.inject.Inject;

import io.recq.api.EventHandler;
import io.recq.api.Metadata;
import io.recq.api.Observer;

/** Observer with field injection. */
@Observer
public class AuditObserver {

    @Inject
    NotificationLog log;

    @EventHandler
    public void on(TodoAdded event, Metadata metadata, Instant timestamp) {
        log.add("audit " + event.listId() + " " + event.text());
    }

    @EventHandler(retry = 0)
    public void on(OwnerNotified event) {
        log.add("audit notified " + event.listId());
    }
}
