package io.recq.example.todolist.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API under {@code /api}. */
@ApplicationPath("/api")
public class TodoListApplication extends Application {
}
