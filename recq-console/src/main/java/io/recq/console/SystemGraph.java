package io.recq.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.recq.api.Catalog;

/**
 * The application graph of a catalog: a node per service (its invokers, which send commands and queries) and
 * per component, and an arrow for every message type that flows: from a sending service to the component that
 * handles the command or query, and from the component that publishes an event to every component that
 * consumes it.
 */
public final class SystemGraph {

    static final String HANDLES_COMMAND = "handles-command";
    static final String HANDLES_QUERY = "handles-query";
    static final String CONSUMES_EVENT = "consumes-event";
    static final String PUBLISHES_EVENT = "publishes-event";
    static final String RETURNS_VIEW = "returns-view";
    static final String SENDS_COMMAND = "sends-command";
    static final String SENDS_QUERY = "sends-query";

    /**
     * @param id {@code service:<name>} or {@code component:<service>:<class>}
     * @param kind {@code deployment}, or the component's kind
     * @param label what to show
     * @param service the service it belongs to
     * @param componentClass the component's class, or {@code null} for a service
     * @param handles what the component handles, consumes and publishes (role and type)
     */
    public record Node(String id, String kind, String label, String service, String componentClass,
            List<Handled> handles) {
    }

    /**
     * @param role the catalog's role
     * @param type the payload's logical name
     */
    public record Handled(String role, String type) {
    }

    /**
     * @param from a node id
     * @param to a node id
     * @param type the payload's logical name
     * @param kind {@code command}, {@code query} or {@code event}
     */
    public record Edge(String from, String to, String type, String kind) {
    }

    private final List<Node> nodes;
    private final List<Edge> edges;

    private SystemGraph(List<Node> nodes, List<Edge> edges) {
        this.nodes = nodes;
        this.edges = edges;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    /**
     * @param services the catalog's services
     * @return their graph
     */
    public static SystemGraph of(List<Catalog.ServiceEntry> services) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        Map<String, List<Handled>> handled = new LinkedHashMap<>();
        // handler and consumer components by payload type
        Map<String, List<String>> commandHandlers = new LinkedHashMap<>();
        Map<String, List<String>> queryHandlers = new LinkedHashMap<>();
        Map<String, List<String>> consumers = new LinkedHashMap<>();
        Map<String, List<String>> publishers = new LinkedHashMap<>();
        Map<String, Set<String>> senders = new LinkedHashMap<>();
        for (Catalog.ServiceEntry service : services) {
            String serviceId = "service:" + service.name();
            nodes.put(serviceId, new Node(serviceId, "deployment", service.name(), service.name(), null, List.of()));
            for (Catalog.MessageEntry message : service.messages()) {
                if (message.component() == null || message.component().isEmpty()) {
                    if (message.role().equals(SENDS_COMMAND) || message.role().equals(SENDS_QUERY)) {
                        senders.computeIfAbsent(message.role() + ":" + message.payloadType(),
                                k -> new LinkedHashSet<>()).add(serviceId);
                    }
                    continue;
                }
                String componentId = "component:" + service.name() + ":" + message.component();
                handled.computeIfAbsent(componentId, k -> new ArrayList<>())
                        .add(new Handled(message.role(), message.payloadType()));
                nodes.computeIfAbsent(componentId, k -> new Node(k, message.componentKind(),
                        simpleName(message.component()), service.name(), message.component(), null));
                Map<String, List<String>> index = switch (message.role()) {
                    case HANDLES_COMMAND -> commandHandlers;
                    case HANDLES_QUERY -> queryHandlers;
                    case CONSUMES_EVENT -> consumers;
                    case PUBLISHES_EVENT -> publishers;
                    default -> null;
                };
                if (index != null) {
                    List<String> ids = index.computeIfAbsent(message.payloadType(), k -> new ArrayList<>());
                    if (!ids.contains(componentId)) {
                        ids.add(componentId);
                    }
                }
            }
        }
        List<Node> result = new ArrayList<>();
        for (Node node : nodes.values()) {
            result.add(node.componentClass() == null ? node : new Node(node.id(), node.kind(), node.label(),
                    node.service(), node.componentClass(), List.copyOf(handled.getOrDefault(node.id(), List.of()))));
        }
        List<Edge> edges = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        senders.forEach((key, from) -> {
            boolean query = key.startsWith(SENDS_QUERY);
            String type = key.substring(key.indexOf(':') + 1);
            for (String handler : (query ? queryHandlers : commandHandlers).getOrDefault(type, List.of())) {
                from.forEach(f -> add(edges, seen, new Edge(f, handler, type, query ? "query" : "command")));
            }
        });
        // a command or query handled in the service that sends it is sent by that service's invokers or
        // components; the catalog names only what crosses services, so the service's own node stands for them
        commandHandlers.forEach((type, handlers) -> handlers.forEach(h -> {
            if (edges.stream().noneMatch(e -> e.to().equals(h) && e.type().equals(type))) {
                add(edges, seen, new Edge("service:" + serviceOf(h), h, type, "command"));
            }
        }));
        queryHandlers.forEach((type, handlers) -> handlers.forEach(h -> {
            if (edges.stream().noneMatch(e -> e.to().equals(h) && e.type().equals(type))) {
                add(edges, seen, new Edge("service:" + serviceOf(h), h, type, "query"));
            }
        }));
        consumers.forEach((type, to) -> {
            for (String publisher : publishers.getOrDefault(type, List.of())) {
                to.forEach(consumer -> add(edges, seen, new Edge(publisher, consumer, type, "event")));
            }
        });
        return new SystemGraph(List.copyOf(result), List.copyOf(edges));
    }

    private static void add(List<Edge> edges, Set<String> seen, Edge edge) {
        if (seen.add(edge.from() + "|" + edge.to() + "|" + edge.type())) {
            edges.add(edge);
        }
    }

    private static String serviceOf(String componentId) {
        String rest = componentId.substring("component:".length());
        return rest.substring(0, rest.lastIndexOf(':'));
    }

    static String simpleName(String className) {
        int dot = Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'));
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
