package io.recq.cdi.todo;

import io.recq.api.SagaState;

public class ReminderState extends SagaState {

    private String title;

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }
}
