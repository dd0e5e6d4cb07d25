package io.recq.cdi.todo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The read model shared by the projector (initializer injection) and the projection (constructor injection). */
@ApplicationScoped
public class TodoListStore {

    private final Map<String, TodoListView> lists = new ConcurrentHashMap<>();

    public void create(String listId, String title) {
        lists.put(listId, new TodoListView(listId, title, List.of()));
    }

    public void add(String listId, String text) {
        lists.computeIfPresent(listId, (id, view) -> {
            List<String> todos = new ArrayList<>(view.todos());
            todos.add(text);
            return new TodoListView(id, view.title(), List.copyOf(todos));
        });
    }

    public Optional<TodoListView> find(String listId) {
        return Optional.ofNullable(lists.get(listId));
    }
}
