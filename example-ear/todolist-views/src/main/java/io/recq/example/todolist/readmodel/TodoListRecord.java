package io.recq.example.todolist.readmodel;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/** A todo list in the read model. */
@Entity
@Table(name = "todolist_view")
public class TodoListRecord {

    /** The persistence unit of the example's read model. */
    public static final String UNIT = "todolist";

    @Id
    @Column(name = "list_id", length = 64)
    private String listId;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "name_lower", nullable = false, length = 100)
    private String nameLower;

    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;

    @Column(name = "archived", nullable = false)
    private boolean archived;

    /** UTC: a {@code LocalDateTime} maps the same way with every JPA provider. */
    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "todolist_view_todo", joinColumns = @JoinColumn(name = "list_id"))
    @OrderColumn(name = "position")
    private List<TodoItem> todos = new ArrayList<>();

    protected TodoListRecord() {
    }

    TodoListRecord(String listId, String name, String createdBy, Instant at) {
        this.listId = listId;
        this.name = name;
        this.nameLower = name.toLowerCase(java.util.Locale.ROOT);
        this.createdBy = createdBy;
        this.updatedAt = utc(at);
    }

    public String getListId() {
        return listId;
    }

    public String getName() {
        return name;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public boolean isArchived() {
        return archived;
    }

    public Instant getUpdatedAt() {
        return updatedAt.toInstant(ZoneOffset.UTC);
    }

    public List<TodoItem> getTodos() {
        return todos;
    }

    void archive(Instant at) {
        archived = true;
        updatedAt = utc(at);
    }

    void touch(Instant at) {
        updatedAt = utc(at);
    }

    private static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
