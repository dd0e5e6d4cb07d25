package io.recq.cdi.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.recq.api.Catalog;
import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.RecqModel;
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
                        "consumes-event TodoListCreated projector");
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

    private static Catalog.MessageEntry entry(String role, String type, String component) {
        return new Catalog.MessageEntry(role, type, "x." + type, component, "aggregate", "{}");
    }

    private static Catalog.InstanceEntry instance() {
        return new Catalog.InstanceEntry("node-1", "1", "node", true, Instant.EPOCH, Instant.EPOCH);
    }
}
