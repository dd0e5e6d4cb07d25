package io.recq.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import io.recq.api.Catalog;
import io.recq.api.DeadEventQueue;
import io.recq.api.EventLog;
import io.recq.api.ProjectorReplay;

/**
 * What the system is and how it runs: the user, an overview, the application graph, the catalog of payload
 * types, the running instances and the event consumers.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ConsoleApplication.OPERATOR, ConsoleApplication.ADMIN})
public class SystemResource {

    private static final Logger LOG = Logger.getLogger(SystemResource.class.getName());

    /** A consumer further behind the head than this many events is replaying (or catching up). */
    static final long REPLAY_LAG = 100;
    /** The most dead events counted per consumer. */
    private static final int DEAD_EVENTS_COUNTED = 10_000;

    @Inject
    Catalog catalog;

    @Inject
    EventLog events;

    @Inject
    DeadEventQueue deadEvents;

    @Inject
    ProjectorReplay replay;

    @Context
    SecurityContext security;

    @GET
    @Path("me")
    public JsonObject me() {
        return Json.createObjectBuilder()
                .add("user", security.getUserPrincipal() == null ? "" : security.getUserPrincipal().getName())
                .add("admin", security.isUserInRole(ConsoleApplication.ADMIN))
                .build();
    }

    @GET
    @Path("overview")
    public JsonObject overview() {
        List<Catalog.ServiceEntry> services = catalog.services();
        long head = events.head();
        long maxLag = catalog.consumers().stream().mapToLong(c -> Math.max(0, head - c.position())).max().orElse(0);
        int instances = services.stream().mapToInt(s -> s.instances().size()).sum();
        long ready = services.stream().flatMap(s -> s.instances().stream()).filter(Catalog.InstanceEntry::ready)
                .count();
        return Json.createObjectBuilder()
                .add("services", services.size())
                .add("instances", instances)
                .add("readyInstances", ready)
                .add("consumers", catalog.consumers().size())
                .add("head", head)
                .add("maxLag", maxLag)
                .add("deadEvents", deadEvents.list(null, DEAD_EVENTS_COUNTED).size())
                .add("at", Instant.now().toString())
                .build();
    }

    @GET
    @Path("graph")
    public JsonObject graph() {
        List<Catalog.ServiceEntry> services = catalog.services();
        SystemGraph graph = SystemGraph.of(services);
        Map<String, Catalog.ServiceEntry> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        JsonArrayBuilder nodes = Json.createArrayBuilder();
        for (SystemGraph.Node node : graph.nodes()) {
            JsonObjectBuilder object = Json.createObjectBuilder().add("id", node.id()).add("kind", node.kind())
                    .add("label", node.label()).add("service", node.service());
            if (node.componentClass() == null) {
                Catalog.ServiceEntry service = byName.get(node.service());
                object.add("instances", service.instances().size())
                        .add("ready", service.instances().stream().filter(Catalog.InstanceEntry::ready).count());
            } else {
                object.add("class", node.componentClass());
                JsonArrayBuilder handles = Json.createArrayBuilder();
                node.handles().forEach(h -> handles.add(Json.createObjectBuilder().add("role", h.role())
                        .add("type", h.type())));
                object.add("handles", handles);
            }
            nodes.add(object);
        }
        JsonArrayBuilder edges = Json.createArrayBuilder();
        graph.edges().forEach(e -> edges.add(Json.createObjectBuilder().add("from", e.from()).add("to", e.to())
                .add("type", e.type()).add("kind", e.kind())));
        return Json.createObjectBuilder().add("nodes", nodes).add("edges", edges).build();
    }

    @GET
    @Path("catalog")
    public JsonValue catalog(@QueryParam("q") String q) {
        String needle = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
        Map<String, TypeEntry> types = new TreeMap<>();
        for (Catalog.ServiceEntry service : catalog.services()) {
            for (Catalog.MessageEntry message : service.messages()) {
                TypeEntry type = types.computeIfAbsent(message.payloadType(), TypeEntry::new);
                type.classes.add(message.payloadClass());
                if (type.schema == null) {
                    type.schema = message.jsonSchema();
                }
                type.services.add(service.name());
                JsonObject component = Json.createObjectBuilder().add("service", service.name())
                        .add("component", message.component()).add("componentKind", message.componentKind()).build();
                switch (message.role()) {
                    case SystemGraph.HANDLES_COMMAND -> type.kind("command").handledBy.add(component);
                    case SystemGraph.HANDLES_QUERY -> type.kind("query").handledBy.add(component);
                    case SystemGraph.CONSUMES_EVENT -> type.kind("event").consumedBy.add(component);
                    case SystemGraph.PUBLISHES_EVENT -> type.kind("event").publishedBy.add(component);
                    case SystemGraph.SENDS_COMMAND -> type.kind("command").sentBy.add(service.name());
                    case SystemGraph.SENDS_QUERY -> type.kind("query").sentBy.add(service.name());
                    case SystemGraph.RETURNS_VIEW -> type.kind("view").returnedBy.add(component);
                    default -> {
                        // a role of a newer RECQ: shown with what is known
                    }
                }
            }
        }
        JsonArrayBuilder result = Json.createArrayBuilder();
        for (TypeEntry type : types.values()) {
            if (!needle.isEmpty() && !type.matches(needle)) {
                continue;
            }
            JsonArrayBuilder classes = Json.createArrayBuilder();
            type.classes.forEach(classes::add);
            JsonArrayBuilder sentBy = Json.createArrayBuilder();
            type.sentBy.forEach(sentBy::add);
            result.add(Json.createObjectBuilder().add("type", type.name).add("kind", type.kind == null ? "payload"
                    : type.kind).add("classes", classes).add("jsonSchema", ConsoleJson.parse(type.schema))
                    .add("handledBy", array(type.handledBy)).add("consumedBy", array(type.consumedBy))
                    .add("publishedBy", array(type.publishedBy)).add("returnedBy", array(type.returnedBy))
                    .add("sentBy", sentBy));
        }
        return result.build();
    }

    @GET
    @Path("instances")
    public JsonValue instances() {
        JsonArrayBuilder result = Json.createArrayBuilder();
        for (Catalog.ServiceEntry service : catalog.services()) {
            for (Catalog.InstanceEntry instance : service.instances()) {
                JsonObjectBuilder object = Json.createObjectBuilder().add("service", service.name())
                        .add("id", instance.id());
                ConsoleJson.put(object, "version", instance.version());
                ConsoleJson.put(object, "node", instance.node());
                object.add("ready", instance.ready());
                ConsoleJson.put(object, "startedAt", instance.startedAt());
                ConsoleJson.put(object, "heartbeatAt", instance.heartbeatAt());
                result.add(object);
            }
        }
        return result.build();
    }

    @GET
    @Path("consumers")
    public JsonObject consumers() {
        Instant now = Instant.now();
        long head = events.head();
        List<Catalog.ServiceEntry> services = catalog.services();
        Map<String, String> nodes = new LinkedHashMap<>();
        services.forEach(s -> s.instances().forEach(i -> nodes.put(i.id(), i.node())));
        Set<String> notReady = new LinkedHashSet<>();
        services.stream().filter(s -> s.instances().stream().anyMatch(i -> !i.ready()))
                .forEach(s -> notReady.add(s.name()));
        Map<String, Long> dead = new LinkedHashMap<>();
        deadEvents.list(null, DEAD_EVENTS_COUNTED).forEach(d -> dead.merge(d.consumer(), 1L, Long::sum));
        JsonArrayBuilder result = Json.createArrayBuilder();
        List<Catalog.ConsumerEntry> entries = new ArrayList<>(catalog.consumers());
        entries.sort(Comparator.comparing(Catalog.ConsumerEntry::id));
        for (Catalog.ConsumerEntry consumer : entries) {
            String[] parts = consumer.id().split(":", 4);
            String kind = parts[0].toLowerCase(Locale.ROOT);
            String component = parts.length > 1 ? parts[1] : consumer.id();
            long lag = Math.max(0, head - consumer.position());
            boolean leased = consumer.owner() != null && consumer.leaseUntil() != null
                    && consumer.leaseUntil().isAfter(now);
            String service = serviceOf(services, kind, component);
            String state = state(leased, lag, kind, notReady.contains(service));
            JsonObjectBuilder object = Json.createObjectBuilder().add("id", consumer.id()).add("kind", kind)
                    .add("component", component);
            if (parts.length > 2 && parts[2].startsWith("v")) {
                object.add("version", Integer.parseInt(parts[2].substring(1)));
            } else {
                object.addNull("version");
            }
            ConsoleJson.put(object, "context", parts.length > 3 ? parts[3] : null);
            ConsoleJson.put(object, "service", service);
            object.add("position", consumer.position()).add("head", head).add("lag", lag);
            ConsoleJson.put(object, "owner", leased ? consumer.owner() : null);
            ConsoleJson.put(object, "ownerNode", leased ? nodes.get(consumer.owner()) : null);
            ConsoleJson.put(object, "leaseUntil", consumer.leaseUntil());
            object.add("state", state).add("deadEvents", dead.getOrDefault(consumer.id(), 0L));
            result.add(object);
        }
        return Json.createObjectBuilder().add("head", head).add("at", now.toString()).add("consumers", result)
                .build();
    }

    /**
     * Replays a projector from a chosen event: {@code {"consumer": "Projector:X:v1:*", "fromSequence": 1}}.
     *
     * @param body the consumer and the first event to handle again
     * @return the consumer, the first event and the position it had
     */
    @POST
    @Path("consumers/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ConsoleApplication.ADMIN)
    public JsonObject replay(JsonObject body) {
        if (body == null || !(body.get("consumer") instanceof JsonString consumer)
                || !(body.get("fromSequence") instanceof JsonNumber from)) {
            throw new BadRequestException("send {\"consumer\": \"Projector:X:v1:*\", \"fromSequence\": 1}");
        }
        long previous;
        try {
            previous = replay.replay(consumer.getString(), from.longValue());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage(), e);
        }
        LOG.info(() -> "RECQ console: " + (security.getUserPrincipal() == null ? "?"
                : security.getUserPrincipal().getName()) + " replays " + consumer.getString() + " from event "
                + from.longValue());
        return Json.createObjectBuilder().add("consumer", consumer.getString()).add("fromSequence", from.longValue())
                .add("previousPosition", previous).build();
    }

    /**
     * @param leased whether an instance holds the consumer's lease
     * @param lag how many events it is behind the head
     * @param kind projector, saga or observer
     * @param serviceNotReady whether an instance of its service is not ready
     * @return {@code stopped}, {@code running}, {@code replaying}, or {@code gating} for a projector replaying in a
     *         service that is not ready (a gating projector keeps its service from taking requests while it replays)
     */
    static String state(boolean leased, long lag, String kind, boolean serviceNotReady) {
        if (!leased) {
            return "stopped";
        }
        if (lag <= REPLAY_LAG) {
            return "running";
        }
        return serviceNotReady && kind.equals("projector") ? "gating" : "replaying";
    }

    /**
     * @return the running service whose component of that kind and simple name consumes events, or {@code null}
     */
    static String serviceOf(List<Catalog.ServiceEntry> services, String kind, String simpleName) {
        for (Catalog.ServiceEntry service : services) {
            for (Catalog.MessageEntry message : service.messages()) {
                if (message.role().equals(SystemGraph.CONSUMES_EVENT) && message.componentKind().equals(kind)
                        && SystemGraph.simpleName(message.component()).equals(simpleName)) {
                    return service.name();
                }
            }
        }
        return null;
    }

    private static JsonArrayBuilder array(List<JsonObject> objects) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        Set<JsonObject> seen = new LinkedHashSet<>(objects);
        seen.forEach(array::add);
        return array;
    }

    /** One payload type of the catalog, gathered from every service. */
    private static final class TypeEntry {
        final String name;
        String kind;
        String schema;
        final Set<String> classes = new LinkedHashSet<>();
        final Set<String> services = new LinkedHashSet<>();
        final List<JsonObject> handledBy = new ArrayList<>();
        final List<JsonObject> consumedBy = new ArrayList<>();
        final List<JsonObject> publishedBy = new ArrayList<>();
        final List<JsonObject> returnedBy = new ArrayList<>();
        final Set<String> sentBy = new LinkedHashSet<>();

        TypeEntry(String name) {
            this.name = name;
        }

        TypeEntry kind(String value) {
            kind = value;
            return this;
        }

        boolean matches(String needle) {
            return contains(name, needle) || classes.stream().anyMatch(c -> contains(c, needle))
                    || services.stream().anyMatch(s -> contains(s, needle))
                    || handledBy.stream().anyMatch(o -> contains(o.getString("component"), needle))
                    || consumedBy.stream().anyMatch(o -> contains(o.getString("component"), needle))
                    || publishedBy.stream().anyMatch(o -> contains(o.getString("component"), needle))
                    || returnedBy.stream().anyMatch(o -> contains(o.getString("component"), needle));
        }

        private static boolean contains(String text, String needle) {
            return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
        }
    }
}
