package io.recq.console;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.recq.api.EventLog;
import io.recq.api.Metadata;

/**
 * The event browser: events by type, context, aggregate, time or sequence range, newest first and a page at a
 * time; an aggregate's history; the correlation chain of an event.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ConsoleApplication.OPERATOR, ConsoleApplication.ADMIN})
public class EventsResource {

    private static final int MAX_PAGE = 500;

    @Inject
    EventLog events;

    @GET
    @Path("events")
    public JsonObject search(@QueryParam("type") String type, @QueryParam("context") String context,
            @QueryParam("aggregateId") String aggregateId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("fromSequence") Long fromSequence,
            @QueryParam("toSequence") Long toSequence, @QueryParam("before") Long before,
            @QueryParam("max") @DefaultValue("50") int max) {
        int limit = Math.max(1, Math.min(max, MAX_PAGE));
        EventLog.Filter filter = new EventLog.Filter(blankToNull(type), blankToNull(context),
                blankToNull(aggregateId), instant("from", from), instant("to", to), fromSequence, toSequence);
        List<EventLog.Entry> page = events.search(filter, before == null ? Long.MAX_VALUE : before, limit + 1);
        JsonArrayBuilder array = Json.createArrayBuilder();
        page.stream().limit(limit).forEach(e -> array.add(ConsoleJson.event(e)));
        var result = Json.createObjectBuilder().add("events", array);
        if (page.size() > limit) {
            result.add("next", page.get(limit - 1).sequence());
        } else {
            result.addNull("next");
        }
        return result.add("head", events.head()).build();
    }

    @GET
    @Path("events/{sequence}")
    public JsonValue find(@PathParam("sequence") long sequence) {
        return events.find(sequence).map(ConsoleJson::event)
                .orElseThrow(() -> new NotFoundException("no event " + sequence));
    }

    @GET
    @Path("events/{sequence}/chain")
    public JsonObject chain(@PathParam("sequence") long sequence) {
        EventLog.Entry event = events.find(sequence).orElseThrow(() -> new NotFoundException("no event " + sequence));
        JsonArrayBuilder array = Json.createArrayBuilder();
        events.correlated(sequence, MAX_PAGE).forEach(e -> array.add(ConsoleJson.event(e)));
        var result = Json.createObjectBuilder();
        ConsoleJson.put(result, "correlationId", event.metadata().get(Metadata.CORRELATION_ID).orElse(null));
        return result.add("events", array).build();
    }

    @GET
    @Path("aggregates/{id}")
    public JsonObject aggregate(@PathParam("id") String id, @QueryParam("max") @DefaultValue("1000") int max) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        events.aggregate(id, Math.max(1, Math.min(max, 100_000))).forEach(e -> array.add(ConsoleJson.event(e)));
        return Json.createObjectBuilder().add("aggregateId", id).add("events", array).build();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " is not an ISO-8601 instant (2026-12-04T12:00:00Z): " + text);
        }
    }
}
