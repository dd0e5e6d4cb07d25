package io.recq.example.todolist.web;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.recq.api.AggregateAlreadyInitializedException;
import io.recq.api.AggregateDeletedException;
import io.recq.api.AggregateNotInitializedException;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.InvalidPayloadException;
import io.recq.api.RequestTimeoutException;
import io.recq.example.todolist.api.TodoRuleViolation;

/**
 * Maps failures to HTTP: a broken rule is 409 with the rule in the body; malformed JSON or a missing field
 * is 400; an unknown or deleted list is 404; a command without an answer in time is 504 (its outcome is
 * unknown). Nothing is stored for a refused request.
 */
@Provider
public class FailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(FailureMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof TodoRuleViolation violation) {
            return problem(409, violation.rule(), violation.getMessage());
        }
        if (failure instanceof AggregateNotInitializedException || failure instanceof AggregateDeletedException) {
            return problem(404, "unknown-list", failure.getMessage());
        }
        if (failure instanceof AggregateAlreadyInitializedException) {
            return problem(409, "list-exists", failure.getMessage());
        }
        if (failure instanceof ProcessingException && causedBy(failure, JsonbException.class)) {
            return problem(400, "invalid-json", failure.getMessage());
        }
        if (failure instanceof InvalidPayloadException || failure instanceof JsonbException) {
            return problem(400, "invalid-request", failure.getMessage());
        }
        if (failure instanceof RequestTimeoutException) {
            return problem(504, "timeout", failure.getMessage());
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (web.getCause() instanceof JsonbException) {
                return problem(400, "invalid-json", web.getCause().getMessage());
            }
            return problem(status, status == 404 ? "not-found" : status == 400 ? "invalid-request" : "http-" + status,
                    web.getMessage());
        }
        if (failure instanceof HandlerNotFoundException) {
            // the service that handles it is not running (undeployed, or gone for longer than its expiry)
            LOG.warning(() -> "No running service handles a request: " + failure.getMessage());
            return problem(503, "service-unavailable", failure.getMessage());
        }
        LOG.log(Level.SEVERE, "Request failed", failure);
        return problem(500, "internal-error", failure.getClass().getName() + ": " + failure.getMessage());
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Response problem(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Requests.Problem(status, error, message)).build();
    }
}
