package io.recq.console;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import io.recq.api.DeadEventQueue;
import io.recq.api.EventLog;
import io.recq.api.RequestTimeoutException;

/**
 * The dead event queue of the whole system: list, inspect, and (admins only) retry or delete, one by one or in
 * bulk. A retry of a consumer that runs in another service is done by that service, which the queue asks and
 * waits for.
 */
@Path("dead-events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ConsoleApplication.OPERATOR, ConsoleApplication.ADMIN})
public class DeadEventsResource {

    private static final Logger LOG = Logger.getLogger(DeadEventsResource.class.getName());
    private static final int MAX = 10_000;

    @Inject
    DeadEventQueue queue;

    @Inject
    EventLog events;

    @Context
    SecurityContext security;

    @GET
    public JsonArray list(@QueryParam("consumer") String consumer, @QueryParam("type") String type,
            @QueryParam("max") @DefaultValue("100") int max) {
        String wanted = type == null || type.isBlank() ? null : type.trim();
        JsonArrayBuilder result = Json.createArrayBuilder();
        queue.list(consumer == null || consumer.isBlank() ? null : consumer, MAX).stream()
                .filter(e -> wanted == null || e.eventType().equals(wanted))
                .limit(Math.max(0, Math.min(max, MAX)))
                .forEach(e -> result.add(entry(e)));
        return result.build();
    }

    @GET
    @Path("{id}")
    public JsonObject find(@PathParam("id") long id) {
        DeadEventQueue.Entry entry = queue.find(id).orElseThrow(() -> new NotFoundException("no dead event " + id));
        JsonObjectBuilder object = Json.createObjectBuilder(entry(entry));
        ConsoleJson.put(object, "stackTrace", entry.stackTrace());
        Optional<EventLog.Entry> event = events.find(entry.sequence());
        object.add("event", event.map(ConsoleJson::event).orElse(JsonValue.NULL));
        return object.build();
    }

    @POST
    @Path("{id}/retry")
    @RolesAllowed(ConsoleApplication.ADMIN)
    public JsonObject retry(@PathParam("id") long id) {
        if (queue.find(id).isEmpty()) {
            throw new NotFoundException("no dead event " + id);
        }
        return outcome(id);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(ConsoleApplication.ADMIN)
    public Response delete(@PathParam("id") long id) {
        if (!queue.delete(id)) {
            throw new NotFoundException("no dead event " + id);
        }
        LOG.info(() -> "RECQ console: " + user() + " deleted dead event " + id);
        return Response.noContent().build();
    }

    @POST
    @Path("retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ConsoleApplication.ADMIN)
    public JsonArray retryAll(JsonObject body) {
        JsonArrayBuilder result = Json.createArrayBuilder();
        ids(body).forEach(id -> result.add(queue.find(id).isEmpty()
                ? Json.createObjectBuilder().add("id", id).add("outcome", "gone").addNull("entry").build()
                : outcome(id)));
        return result.build();
    }

    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ConsoleApplication.ADMIN)
    public JsonObject deleteAll(JsonObject body) {
        List<Long> ids = ids(body);
        long deleted = ids.stream().filter(queue::delete).count();
        LOG.info(() -> "RECQ console: " + user() + " deleted " + deleted + " dead event(s) " + ids);
        return Json.createObjectBuilder().add("deleted", deleted).build();
    }

    private JsonObject outcome(long id) {
        JsonObjectBuilder object = Json.createObjectBuilder().add("id", id);
        try {
            boolean handled = queue.retry(id);
            LOG.info(() -> "RECQ console: " + user() + " retried dead event " + id + ": "
                    + (handled ? "handled" : "failed again"));
            object.add("outcome", handled ? "handled" : "failed");
        } catch (RequestTimeoutException e) {
            object.add("outcome", "pending").add("message", e.getMessage());
        }
        object.add("entry", queue.find(id).<JsonValue>map(DeadEventsResource::entry).orElse(JsonValue.NULL));
        return object.build();
    }

    private static List<Long> ids(JsonObject body) {
        if (body == null || !(body.get("ids") instanceof JsonArray ids)) {
            throw new BadRequestException("the body names no ids: send {\"ids\": [1, 2]}");
        }
        return ids.stream().filter(JsonNumber.class::isInstance).map(v -> ((JsonNumber) v).longValue()).toList();
    }

    private String user() {
        return security.getUserPrincipal() == null ? "?" : security.getUserPrincipal().getName();
    }

    static JsonObject entry(DeadEventQueue.Entry e) {
        JsonObjectBuilder object = Json.createObjectBuilder().add("id", e.id()).add("consumer", e.consumer())
                .add("sequence", e.sequence()).add("eventType", e.eventType());
        ConsoleJson.put(object, "handler", e.handler());
        ConsoleJson.put(object, "errorClass", e.errorClass());
        ConsoleJson.put(object, "errorMessage", e.errorMessage());
        object.add("attempts", e.attempts());
        ConsoleJson.put(object, "deadSince", e.deadSince());
        ConsoleJson.put(object, "lastAttempt", e.lastAttempt());
        return object.build();
    }
}
