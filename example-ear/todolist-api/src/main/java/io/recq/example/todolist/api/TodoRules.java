package io.recq.example.todolist.api;

/** The business rules of a todo list, by name, as reported to callers. */
public final class TodoRules {

    /** A list holds at most this many todos. */
    public static final int MAX_TODOS = 5;

    /** The metadata key of the acting user, which the front puts on every command and the aggregate records. */
    public static final String USER = "user";

    public static final String LIST_FULL = "list-full";
    public static final String TODO_CHECKED = "todo-checked";
    public static final String LIST_HAS_CHECKED_TODO = "list-has-checked-todo";
    public static final String UNKNOWN_TODO = "unknown-todo";
    public static final String DUPLICATE_TODO = "duplicate-todo";
    public static final String LIST_ARCHIVED = "list-archived";
    public static final String NOT_ALL_CHECKED = "not-all-checked";
    public static final String INVALID_NAME = "invalid-name";
    public static final String INVALID_TEXT = "invalid-text";

    private TodoRules() {
    }
}
