package io.recq.example.todolist.readmodel;

import java.util.List;
import java.util.Locale;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.recq.api.Multiple;
import io.recq.api.Projection;
import io.recq.api.QueryHandler;
import io.recq.api.Single;
import io.recq.example.todolist.api.FindNotifications;
import io.recq.example.todolist.api.FindTodoList;
import io.recq.example.todolist.api.NotificationView;
import io.recq.example.todolist.api.SearchTodoLists;
import io.recq.example.todolist.api.TodoListSummary;
import io.recq.example.todolist.api.TodoListView;
import io.recq.example.todolist.api.TodoView;

/** Answers questions about todo lists from the read model. */
@Projection
public class TodoListProjection {

    /** The largest page a search returns. */
    public static final int MAX_PAGE_SIZE = 100;

    @PersistenceContext(unitName = TodoListRecord.UNIT)
    EntityManager entityManager;

    @QueryHandler
    Single<TodoListView> handle(FindTodoList query) {
        TodoListRecord list = entityManager.find(TodoListRecord.class, query.listId());
        return list == null ? Single.empty() : Single.of(toView(list));
    }

    @QueryHandler
    Multiple<TodoListSummary> handle(SearchTodoLists query) {
        int size = Math.max(1, Math.min(query.size() <= 0 ? 20 : query.size(), MAX_PAGE_SIZE));
        int page = Math.max(0, query.page());
        String text = query.nameContains() == null ? "" : query.nameContains().toLowerCase(Locale.ROOT);
        List<TodoListRecord> lists = entityManager.createQuery(
                        "select l from TodoListRecord l where l.nameLower like :text order by l.nameLower, l.listId",
                        TodoListRecord.class)
                .setParameter("text", "%" + text.replace("%", "").replace("_", "") + "%")
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList();
        return Multiple.of(lists.stream().map(TodoListProjection::toSummary).toList());
    }

    @QueryHandler
    Multiple<NotificationView> handle(FindNotifications query) {
        return Multiple.of(entityManager.createQuery(
                        "select n from NotificationRecord n where n.listId = :listId order by n.sentAt, n.id",
                        NotificationRecord.class)
                .setParameter("listId", query.listId())
                .getResultList().stream()
                .map(n -> new NotificationView(n.getListId(), n.getUser(), n.getMessage(), n.getSentAt()))
                .toList());
    }

    private static TodoListView toView(TodoListRecord list) {
        List<TodoView> todos = list.getTodos().stream()
                .map(t -> new TodoView(t.getTodoId(), t.getText(), t.isChecked(), t.getCheckedBy()))
                .toList();
        boolean allChecked = !todos.isEmpty() && todos.stream().allMatch(TodoView::checked);
        return new TodoListView(list.getListId(), list.getName(), list.getCreatedBy(), todos, allChecked,
                list.isArchived(), list.getUpdatedAt());
    }

    private static TodoListSummary toSummary(TodoListRecord list) {
        int checked = (int) list.getTodos().stream().filter(TodoItem::isChecked).count();
        return new TodoListSummary(list.getListId(), list.getName(), list.getTodos().size(), checked,
                list.isArchived());
    }
}
