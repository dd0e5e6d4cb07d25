package io.recq.console;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
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

import io.recq.api.Catalog;
import io.recq.api.DeadCommandQueue;
import io.recq.api.HandlerNotFoundException;

/**
 * The dead commands of every service: list, inspect, and (admins only) retry or delete, one by one or in bulk.
 * Each service keeps its own on the broker; the catalog says where.
 */
@Path("dead-commands")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ConsoleApplication.OPERATOR, ConsoleApplication.ADMIN})
public class DeadCommandsResource {

    private static final Logger LOG = Logger.getLogger(DeadCommandsResource.class.getName());
    private static final int MAX = 1_000;

    @Inject
    DeadCommandQueue queue;

    @Inject
    Catalog catalog;

    @Context
    SecurityContext security;

    @GET
    public JsonArray list(@QueryParam("service") String service, @QueryParam("type") String type,
            @QueryParam("max") @DefaultValue("100") int max) {
        int limit = Math.max(0, Math.min(max, MAX));
        String wanted = type == null || type.isBlank() ? null : type.trim();
        JsonArrayBuilder result = Json.createArrayBuilder();
        int count = 0;
        for (String name : services(service)) {
            for (DeadCommandQueue.Entry entry : queue.service(name).list(MAX)) {
                if (count < limit && (wanted == null || wanted.equals(entry.commandType()))) {
                    result.add(entry(name, entry));
                    count++;
                }
            }
        }
        return result.build();
    }

    @GET
    @Path("{service}/{messageId}")
    public JsonObject find(@PathParam("service") String service, @PathParam("messageId") String messageId) {
        return queue(service).find(messageId).map(e -> entry(service, e))
                .orElseThrow(() -> new NotFoundException("no dead command " + messageId + " of " + service));
    }

    @POST
    @Path("{service}/{messageId}/retry")
    @RolesAllowed(ConsoleApplication.ADMIN)
    public JsonObject retry(@PathParam("service") String service, @PathParam("messageId") String messageId) {
        if (!queue(service).retry(messageId)) {
            throw new NotFoundException("no dead command " + messageId + " of " + service);
        }
        LOG.info(() -> "RECQ console: " + user() + " retried dead command " + messageId + " of " + service);
        return Json.createObjectBuilder().add("service", service).add("messageId", messageId).add("outcome", "sent")
                .build();
    }

    @DELETE
    @Path("{service}/{messageId}")
    @RolesAllowed(ConsoleApplication.ADMIN)
    public Response delete(@PathParam("service") String service, @PathParam("messageId") String messageId) {
        if (!queue(service).delete(messageId)) {
            throw new NotFoundException("no dead command " + messageId + " of " + service);
        }
        LOG.info(() -> "RECQ console: " + user() + " deleted dead command " + messageId + " of " + service);
        return Response.noContent().build();
    }

    /** {@code {"items": [{"service": "s", "messageId": "m"}]}}: each sent again. */
    @POST
    @Path("retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ConsoleApplication.ADMIN)
    public JsonObject retryAll(JsonObject body) {
        long sent = items(body).stream().filter(i -> queue(i[0]).retry(i[1])).count();
        LOG.info(() -> "RECQ console: " + user() + " retried " + sent + " dead command(s)");
        return Json.createObjectBuilder().add("retried", sent).build();
    }

    /** {@code {"items": [{"service": "s", "messageId": "m"}]}}: each removed. */
    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ConsoleApplication.ADMIN)
    public JsonObject deleteAll(JsonObject body) {
        long deleted = items(body).stream().filter(i -> queue(i[0]).delete(i[1])).count();
        LOG.info(() -> "RECQ console: " + user() + " deleted " + deleted + " dead command(s)");
        return Json.createObjectBuilder().add("deleted", deleted).build();
    }

    private DeadCommandQueue queue(String service) {
        try {
            return queue.service(service);
        } catch (HandlerNotFoundException e) {
            throw new NotFoundException(e.getMessage(), e);
        }
    }

    /** The services whose dead commands to read: the one named, or every one that says where they are. */
    private List<String> services(String service) {
        if (service != null && !service.isBlank()) {
            return List.of(service.trim());
        }
        List<String> names = new ArrayList<>();
        for (Catalog.ServiceEntry entry : catalog.services()) {
            if (entry.instances().stream().anyMatch(i -> i.deadLetterQueue() != null)) {
                names.add(entry.name());
            }
        }
        return names;
    }

    private static List<String[]> items(JsonObject body) {
        if (body == null || !(body.get("items") instanceof JsonArray items)) {
            throw new BadRequestException("the body names no items: send {\"items\": [{\"service\": \"s\", "
                    + "\"messageId\": \"m\"}]}");
        }
        List<String[]> result = new ArrayList<>();
        for (var item : items) {
            if (item instanceof JsonObject object && object.get("service") instanceof JsonString service
                    && object.get("messageId") instanceof JsonString id) {
                result.add(new String[] {service.getString(), id.getString()});
            }
        }
        return result;
    }

    private String user() {
        return security.getUserPrincipal() == null ? "?" : security.getUserPrincipal().getName();
    }

    static JsonObject entry(String service, DeadCommandQueue.Entry e) {
        JsonObjectBuilder object = Json.createObjectBuilder().add("service", service);
        ConsoleJson.put(object, "messageId", e.messageId());
        ConsoleJson.put(object, "commandType", e.commandType());
        ConsoleJson.put(object, "routingKey", e.routingKey());
        object.add("metadata", ConsoleJson.metadata(e.metadata()));
        object.add("payload", ConsoleJson.parse(e.json()));
        ConsoleJson.put(object, "reason", e.reason());
        object.add("deliveries", e.deliveries());
        ConsoleJson.put(object, "sentAt", e.sentAt());
        ConsoleJson.put(object, "deadSince", e.deadSince());
        return object.build();
    }
}
