package io.recq.example.todolist.web;

/** The bodies the REST API accepts. */
public final class Requests {

    private Requests() {
    }

    /** {@code {"name": "Groceries"}} */
    public record NewList(String name) {
    }

    /** {@code {"text": "Milk"}} */
    public record NewTodo(String text) {
    }

    /** What a creation returns. */
    public record Created(String id) {
    }

    /** What a failure returns. */
    public record Problem(int status, String error, String message) {
    }
}
