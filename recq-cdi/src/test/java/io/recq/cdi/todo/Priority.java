package io.recq.cdi.todo;

public enum Priority {
    LOW, HIGH
}
