package io.recq.example.todolist.readmodel;

import java.time.Instant;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.recq.api.EventHandler;
import io.recq.api.Projector;
import io.recq.example.todolist.api.NotificationSent;
import io.recq.example.todolist.api.TodoAdded;
import io.recq.example.todolist.api.TodoChecked;
import io.recq.example.todolist.api.TodoListArchived;
import io.recq.example.todolist.api.TodoListCreated;
import io.recq.example.todolist.api.TodoListDeleted;
import io.recq.example.todolist.api.TodoRemoved;

/**
 * Keeps the read model of todo lists and notifications. Each handler runs in the transaction that also
 * moves the projector's position, so each event takes effect exactly once.
 */
@Projector(version = 1)
public class TodoListProjector {

    @PersistenceContext(unitName = TodoListRecord.UNIT)
    EntityManager entityManager;

    @EventHandler
    void on(TodoListCreated event, Instant timestamp) {
        if (entityManager.find(TodoListRecord.class, event.listId()) == null) {
            entityManager.persist(new TodoListRecord(event.listId(), event.name(), event.user(), timestamp));
        }
    }

    @EventHandler
    void on(TodoAdded event, Instant timestamp) {
        TodoListRecord list = entityManager.find(TodoListRecord.class, event.listId());
        if (list != null) {
            list.getTodos().add(new TodoItem(event.todoId(), event.text()));
            list.touch(timestamp);
        }
    }

    @EventHandler
    void on(TodoRemoved event, Instant timestamp) {
        TodoListRecord list = entityManager.find(TodoListRecord.class, event.listId());
        if (list != null) {
            list.getTodos().removeIf(todo -> todo.getTodoId().equals(event.todoId()));
            list.touch(timestamp);
        }
    }

    @EventHandler
    void on(TodoChecked event, Instant timestamp) {
        TodoListRecord list = entityManager.find(TodoListRecord.class, event.listId());
        if (list != null) {
            list.getTodos().stream().filter(todo -> todo.getTodoId().equals(event.todoId()))
                    .forEach(todo -> todo.check(event.user()));
            list.touch(timestamp);
        }
    }

    @EventHandler
    void on(TodoListArchived event, Instant timestamp) {
        TodoListRecord list = entityManager.find(TodoListRecord.class, event.listId());
        if (list != null) {
            list.archive(timestamp);
        }
    }

    @EventHandler
    void on(TodoListDeleted event) {
        TodoListRecord list = entityManager.find(TodoListRecord.class, event.listId());
        if (list != null) {
            entityManager.remove(list);
        }
    }

    @EventHandler
    void on(NotificationSent event) {
        entityManager.persist(new NotificationRecord(event.listId(), event.user(), event.message(), event.sentAt()));
    }
}
