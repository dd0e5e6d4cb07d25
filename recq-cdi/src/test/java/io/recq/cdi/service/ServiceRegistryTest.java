package io.recq.cdi.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.recq.api.Catalog;
import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.spi.CatalogStore;
import io.recq.cdi.todo.TodoApplication;

class ServiceRegistryTest {

    @Test
    void listsWhatADeploymentHandlesAndConsumes() {
        // given
        RecqModel.Builder model = RecqModel.builder();
        ComponentIntrospector introspector = new ComponentIntrospector();
        TodoApplication.COMPONENTS.forEach(c -> model.add(introspector.inspect(c).orThrow()));

        // when
        List<Catalog.MessageEntry> messages = ServiceRegistry.messages(model.build());

        // then
        assertThat(messages).extracting(m -> m.role() + " " + m.payloadType() + " " + m.componentKind())
                .contains("handles-command CreateTodoList aggregate", "handles-query FindTodoList projection",
                        "consumes-event TodoListCreated projector",
                        // what an aggregate applies, what a service's handler returns, what a projection answers with
                        "publishes-event TodoListCreated aggregate", "publishes-event TodoAdded aggregate",
                        "publishes-event OwnerNotified service", "returns-view TodoListView projection");
        assertThat(messages).allSatisfy(m -> assertThat(m.jsonSchema()).startsWith("{"));
    }

    @Test
    void namesBothServicesWhenAnotherRunningServiceHandlesTheSameCommand() {
        // given
        Catalog.MessageEntry mine = entry("handles-command", "OpenAccount", "com.rival.AccountAggregate");
        Catalog.ServiceEntry other = new Catalog.ServiceEntry("ledger", List.of(instance()),
                List.of(entry("handles-command", "OpenAccount", "com.ledger.AccountAggregate"),
                        entry("consumes-event", "AccountOpened", "com.ledger.Views")));

        // when
        List<String> conflicts = ServiceRegistry.conflicts("rival", List.of(mine,
                entry("consumes-event", "AccountOpened", "com.rival.Views")), Map.of("ledger", other));

        // then: consuming the same event is no conflict
        assertThat(conflicts).containsExactly("the command OpenAccount is handled by the running service ledger "
                + "(com.ledger.AccountAggregate) and by this service rival (com.rival.AccountAggregate)");
    }

    @Test
    void seesNoConflictWithAnotherInstanceOfItsOwnService() {
        Catalog.MessageEntry mine = entry("handles-query", "FindBalance", "com.ledger.Balances");
        Catalog.ServiceEntry self = new Catalog.ServiceEntry("ledger", List.of(instance()), List.of(mine));

        assertThat(ServiceRegistry.conflicts("ledger", List.of(mine), Map.of("ledger", self))).isEmpty();
    }

    @Test
    void reportsATypeSentInAnotherShapeThanItsHandlerReads() {
        // given
        Catalog.ServiceEntry handler = new Catalog.ServiceEntry("ledger", List.of(instance()),
                List.of(new Catalog.MessageEntry("handles-command", "OpenAccount", "a.OpenAccount", "a.Aggregate",
                        "aggregate", "{\"v\":2}")));
        Catalog.ServiceEntry sameShape = new Catalog.ServiceEntry("web", List.of(instance()),
                List.of(new Catalog.MessageEntry("sends-command", "OpenAccount", "a.OpenAccount", "", "",
                        "{\"v\":2}")));
        Catalog.ServiceEntry oldShape = new Catalog.ServiceEntry("batch", List.of(instance()),
                List.of(new Catalog.MessageEntry("sends-command", "OpenAccount", "a.OpenAccount", "", "",
                        "{\"v\":1}")));

        // when
        List<Catalog.Mismatch> mismatches = DefaultCatalog.mismatches(List.of(handler, sameShape, oldShape));

        // then
        assertThat(mismatches).containsExactly(new Catalog.Mismatch("OpenAccount", "ledger", "{\"v\":2}", "batch",
                "{\"v\":1}"));
    }

    @Test
    void refusesTheLaterOfTwoRunningInstancesOfOneServiceOnNodesOfTheSameName() {
        // given: node-1 runs since 10:00 and beat at 10:05; a second server named node-1 started at 10:04
        CatalogStore.InstanceRecord first = running("node-1-aaaa", "accounts", "node-1", "tx-1", at(0), at(5));
        CatalogStore.InstanceRecord second = running("node-1-bbbb", "accounts", "node-1", "tx-9", at(4), at(5));

        // when
        ServiceRegistry.Topology ofSecond = ServiceRegistry.topology(second, List.of(first, second));
        ServiceRegistry.Topology ofFirst = ServiceRegistry.topology(first, List.of(first, second));

        // then
        assertThat(ofSecond.refusal()).startsWith("RECQ-01402 the instance node-1-bbbb of the service accounts on "
                + "node node-1 has the node name node-1 (jboss.node.name) of the running instance node-1-aaaa")
                .endsWith("this instance started later and takes no command and no query until the other has gone");
        assertThat(ofFirst.refusal()).isNull();
        assertThat(ofFirst.clashes()).containsOnlyKeys("node-1-bbbb");
    }

    @Test
    void refusesANodeWithAnotherNodesTransactionNodeIdentifier() {
        // given: any service on node-2 with node-1's transaction node identifier
        CatalogStore.InstanceRecord first = running("node-1-aaaa", "accounts", "node-1", "tx-1", at(0), at(5));
        CatalogStore.InstanceRecord second = running("node-2-bbbb", "ledger", "node-2", "tx-1", at(4), at(5));

        // when
        ServiceRegistry.Topology ofSecond = ServiceRegistry.topology(second, List.of(first, second));

        // then
        assertThat(ofSecond.refusal()).contains("has the transaction node identifier tx-1 (of node node-1) of the "
                + "running instance node-1-aaaa of the service accounts");
    }

    @Test
    void acceptsARestartAfterACrashAndServicesSharingANode() {
        // given: the row node-1's killed instance left (last beat before the restart), and another service on the
        // same server (same node name, same transaction node identifier)
        CatalogStore.InstanceRecord killed = running("node-1-aaaa", "accounts", "node-1", "tx-1", at(0), at(3));
        CatalogStore.InstanceRecord neighbour = running("node-1-cccc", "ledger", "node-1", "tx-1", at(0), at(6));
        CatalogStore.InstanceRecord restarted = running("node-1-bbbb", "accounts", "node-1", "tx-1", at(4), at(6));

        // when
        ServiceRegistry.Topology topology = ServiceRegistry.topology(restarted, List.of(killed, neighbour, restarted));

        // then
        assertThat(topology.refusal()).isNull();
        assertThat(topology.clashes()).isEmpty();
    }

    private static CatalogStore.InstanceRecord running(String id, String service, String node, String txNode,
            Instant started, Instant beat) {
        return new CatalogStore.InstanceRecord(id, service, "1", node, true, started, txNode, beat);
    }

    private static Instant at(int minute) {
        return Instant.parse("2026-12-04T10:00:00Z").plusSeconds(60L * minute);
    }

    private static Catalog.MessageEntry entry(String role, String type, String component) {
        return new Catalog.MessageEntry(role, type, "x." + type, component, "aggregate", "{}");
    }

    private static Catalog.InstanceEntry instance() {
        return new Catalog.InstanceEntry("node-1", "1", "node", true, Instant.EPOCH, Instant.EPOCH);
    }
}
