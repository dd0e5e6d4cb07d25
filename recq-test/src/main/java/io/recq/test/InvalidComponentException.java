package io.recq.test;

import java.util.List;
import java.util.stream.Collectors;

import io.recq.api.RecqException;
import io.recq.cdi.model.DeploymentProblem;

/**
 * A fixture was given a class that would fail the deployment: it is not a valid RECQ component of the kind
 * the fixture tests. The message lists every problem with the same stable codes
 * ({@code RECQ-000xx}), locations and fixes as the deployment error.
 */
public class InvalidComponentException extends RecqException {

    private static final long serialVersionUID = 1L;

    private final List<String> codes;

    /**
     * @param message what is wrong, where, and how to fix it
     */
    public InvalidComponentException(String message) {
        super(message);
        this.codes = List.of();
    }

    InvalidComponentException(Class<?> type, List<DeploymentProblem> problems) {
        super(type.getName() + " would fail the deployment with " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + ":\n  " + problems.stream().map(DeploymentProblem::message)
                        .collect(Collectors.joining("\n  ")));
        this.codes = problems.stream().map(p -> p.code().code()).distinct().toList();
    }

    /**
     * @return the stable codes of the problems found ({@code RECQ-00006}, ...), without repetition
     */
    public List<String> codes() {
        return codes;
    }
}
