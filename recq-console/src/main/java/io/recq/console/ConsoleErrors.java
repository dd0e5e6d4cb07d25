package io.recq.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.recq.api.HandlerNotFoundException;
import io.recq.api.RecqException;

/**
 * Every failure of the API as JSON, {@code {"code": "RECQ-01234" or null, "message": "..."}}, with the status
 * that says whose it is.
 */
@Provider
public class ConsoleErrors implements ExceptionMapper<RuntimeException> {

    private static final Pattern CODE = Pattern.compile("^(RECQ-\\d{5})\\b");

    @Override
    public Response toResponse(RuntimeException exception) {
        int status;
        if (exception instanceof WebApplicationException web) {
            status = web.getResponse().getStatus();
        } else if (exception instanceof HandlerNotFoundException) {
            status = 409;
        } else if (exception instanceof RecqException) {
            status = 503;
        } else {
            status = 500;
        }
        String message = exception.getMessage() == null ? exception.getClass().getName() : exception.getMessage();
        JsonObjectBuilder body = Json.createObjectBuilder();
        Matcher code = CODE.matcher(message);
        if (code.find()) {
            body.add("code", code.group(1));
        } else {
            body.addNull("code");
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.add("message", message).build())
                .build();
    }
}
