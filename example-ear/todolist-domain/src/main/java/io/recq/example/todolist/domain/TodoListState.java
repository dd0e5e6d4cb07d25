package io.recq.example.todolist.domain;

import java.util.LinkedHashMap;
import java.util.Map;

import io.recq.api.AggregateState;

/**
 * The state of one todo list, rebuilt from its events: only what the aggregate needs to decide.
 */
public class TodoListState extends AggregateState {

    private String name;
    private boolean archived;
    private Map<String, Boolean> todos = new LinkedHashMap<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isArchived() {
        return archived;
    }

    public void setArchived(boolean archived) {
        this.archived = archived;
    }

    /**
     * @return todo id to whether it is checked, in the order the todos were added
     */
    public Map<String, Boolean> getTodos() {
        return todos;
    }

    public void setTodos(Map<String, Boolean> todos) {
        this.todos = todos == null ? new LinkedHashMap<>() : new LinkedHashMap<>(todos);
    }

    boolean allChecked() {
        return !todos.isEmpty() && todos.values().stream().allMatch(Boolean::booleanValue);
    }
}
