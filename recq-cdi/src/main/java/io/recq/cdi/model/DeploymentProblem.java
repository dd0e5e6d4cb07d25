package io.recq.cdi.model;

import java.util.Objects;

/**
 * One problem found while inspecting a deployment: its stable code, where it is
 * ({@code com.acme.TodoListAggregate#handle(AddTodo)}), what was found and how to fix it.
 *
 * @param code the stable error code
 * @param location the class, or class and method, where the problem is
 * @param found what is wrong
 * @param fix how to fix it
 */
public record DeploymentProblem(ErrorCode code, String location, String found, String fix) {

    public DeploymentProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * @return the problem as one line: {@code RECQ-00001 com.acme.X#handle(AddTodo): found. Fix: fix.}
     */
    public String message() {
        return code.code() + " " + location + ": " + found + ". Fix: " + fix;
    }

    @Override
    public String toString() {
        return message();
    }
}
