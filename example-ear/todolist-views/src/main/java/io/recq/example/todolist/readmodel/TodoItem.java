package io.recq.example.todolist.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One todo of a list in the read model. */
@Embeddable
public class TodoItem {

    @Column(name = "todo_id", nullable = false, length = 64)
    private String todoId;

    @Column(name = "text", nullable = false, length = 200)
    private String text;

    @Column(name = "checked", nullable = false)
    private boolean checked;

    @Column(name = "checked_by", length = 100)
    private String checkedBy;

    protected TodoItem() {
    }

    TodoItem(String todoId, String text) {
        this.todoId = todoId;
        this.text = text;
    }

    public String getTodoId() {
        return todoId;
    }

    public String getText() {
        return text;
    }

    public boolean isChecked() {
        return checked;
    }

    public String getCheckedBy() {
        return checkedBy;
    }

    void check(String user) {
        this.checked = true;
        this.checkedBy = user;
    }
}
