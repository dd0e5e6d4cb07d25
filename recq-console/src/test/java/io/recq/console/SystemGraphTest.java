package io.recq.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.recq.api.Catalog;

class SystemGraphTest {

    private static Catalog.MessageEntry entry(String role, String type, String component, String kind) {
        return new Catalog.MessageEntry(role, type, "com.acme." + type, component, kind, "{}");
    }

    private static Catalog.ServiceEntry service(String name, Catalog.MessageEntry... messages) {
        return new Catalog.ServiceEntry(name, List.of(), List.of(messages));
    }

    private static List<String> edges(SystemGraph graph) {
        return graph.edges().stream().map(e -> e.from() + " -" + e.type() + "/" + e.kind() + "-> " + e.to()).toList();
    }

    @Test
    void drawsAnArrowFromTheSendingServiceToTheHandlerAndFromThePublisherToEveryConsumer() {
        SystemGraph graph = SystemGraph.of(List.of(
                service("front", entry("sends-command", "Open", "", ""), entry("sends-query", "Find", "", "")),
                service("domain", entry("handles-command", "Open", "com.acme.Account", "aggregate"),
                        entry("publishes-event", "Opened", "com.acme.Account", "aggregate"),
                        entry("consumes-event", "Opened", "com.acme.Welcome", "saga")),
                service("views", entry("consumes-event", "Opened", "com.acme.Accounts", "projector"),
                        entry("handles-query", "Find", "com.acme.AccountQueries", "projection"))));

        assertThat(graph.nodes()).extracting(SystemGraph.Node::id).containsExactly("service:front", "service:domain",
                "component:domain:com.acme.Account", "component:domain:com.acme.Welcome", "service:views",
                "component:views:com.acme.Accounts", "component:views:com.acme.AccountQueries");
        assertThat(graph.nodes()).filteredOn(n -> n.id().equals("component:domain:com.acme.Account")).singleElement()
                .satisfies(n -> {
                    assertThat(n.kind()).isEqualTo("aggregate");
                    assertThat(n.label()).isEqualTo("Account");
                    assertThat(n.handles()).extracting(SystemGraph.Handled::type).containsExactly("Open", "Opened");
                });
        assertThat(edges(graph)).containsExactlyInAnyOrder(
                "service:front -Open/command-> component:domain:com.acme.Account",
                "service:front -Find/query-> component:views:com.acme.AccountQueries",
                "component:domain:com.acme.Account -Opened/event-> component:domain:com.acme.Welcome",
                "component:domain:com.acme.Account -Opened/event-> component:views:com.acme.Accounts");
    }

    @Test
    void aCommandNoOtherServiceSendsComesFromItsOwnService() {
        SystemGraph graph = SystemGraph.of(List.of(service("domain",
                entry("handles-command", "Close", "com.acme.Account", "aggregate"),
                entry("consumes-event", "Closed", "com.acme.Audit", "observer"))));

        assertThat(edges(graph)).containsExactly("service:domain -Close/command-> component:domain:com.acme.Account");
    }

    @Test
    void anEventNobodyIsKnownToPublishHasNoArrow() {
        SystemGraph graph = SystemGraph.of(List.of(service("views",
                entry("consumes-event", "Opened", "com.acme.Accounts", "projector"))));

        assertThat(graph.edges()).isEmpty();
        assertThat(graph.nodes()).extracting(SystemGraph.Node::kind).containsExactly("deployment", "projector");
    }
}
