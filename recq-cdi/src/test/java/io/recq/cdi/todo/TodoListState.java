package io.recq.cdi.todo;

import io.recq.api.AggregateState;

public class TodoListState extends AggregateState {

    private String title;
    private int todoCount;

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public int getTodoCount() {
        return todoCount;
    }

    public void setTodoCount(int todoCount) {
        this.todoCount = todoCount;
    }
}
