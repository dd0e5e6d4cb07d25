package io.recq.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import io.recq.api.CommandHandler;
import io.recq.api.Metadata;
import io.recq.api.RecqException;
import io.recq.api.Service;
import io.recq.api.ServiceCommand;
import io.recq.api.Single;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.model.ParameterKind;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.runtime.RecqRuntime;
import io.recq.cdi.todo.AddTodo;
import io.recq.cdi.todo.AuditObserver;
import io.recq.cdi.todo.CreateTodoList;
import io.recq.cdi.todo.FindTodoList;
import io.recq.cdi.todo.NotificationLog;
import io.recq.cdi.todo.NotificationService;
import io.recq.cdi.todo.NotifyOwner;
import io.recq.cdi.todo.OwnerNotified;
import io.recq.cdi.todo.Priority;
import io.recq.cdi.todo.ReminderSaga;
import io.recq.cdi.todo.ReminderState;
import io.recq.cdi.todo.TodoAdded;
import io.recq.cdi.todo.TodoApplication;
import io.recq.cdi.todo.TodoInvoker;
import io.recq.cdi.todo.TodoListAggregate;
import io.recq.cdi.todo.TodoListCreated;
import io.recq.cdi.todo.TodoListProjection;
import io.recq.cdi.todo.TodoListProjector;
import io.recq.cdi.todo.TodoListState;
import io.recq.cdi.todo.TodoListView;

/**
 * Deploys the TodoList application, one component of each kind, in Weld SE and checks what the extension
 * found, that the components are ordinary application-scoped beans with working injection, and that the
 * start-up summary says what was found.
 */
@EnableWeld
class RecqExtensionDiscoveryTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld().disableDiscovery()
            .addExtension(new RecqExtension())
            .addExtension(new io.smallrye.config.inject.ConfigExtension())
            .addBeanClasses(TodoApplication.beanClasses()))
            .build();

    @Inject
    RecqModel testSubject;

    @Inject
    BeanManager beanManager;

    @Test
    void findsOneComponentOfEachKind() {
        // when
        List<ComponentModel> components = testSubject.components();

        // then
        assertThat(components).extracting(ComponentModel::componentClass)
                .containsExactlyInAnyOrderElementsOf(TodoApplication.COMPONENTS);
        for (ComponentKind kind : ComponentKind.values()) {
            assertThat(testSubject.components(kind)).as("components of kind %s", kind).hasSize(1);
        }
        assertThat(testSubject.component(TodoInvoker.class)).get()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(ComponentKind.INVOKER))
                .satisfies(c -> assertThat(c.handlers()).isEmpty());
    }

    @Test
    void routesEveryCommandAndQueryToItsOneHandler() {
        // then
        assertThat(testSubject.commandHandlers().keySet())
                .containsExactlyInAnyOrder(CreateTodoList.class, AddTodo.class, NotifyOwner.class);
        assertThat(testSubject.commandHandler(CreateTodoList.class)).get().satisfies(h -> {
            assertThat(h.componentClass()).isEqualTo(TodoListAggregate.class);
            assertThat(h.kind()).isEqualTo(HandlerKind.AGGREGATE_COMMAND);
            assertThat(h.isInit()).isTrue();
        });
        assertThat(testSubject.commandHandler(AddTodo.class)).get().satisfies(h -> {
            assertThat(h.componentClass()).isEqualTo(TodoListAggregate.class);
            assertThat(h.isInit()).isFalse();
            assertThat(h.parameters()).containsExactly(ParameterKind.METADATA, ParameterKind.PAYLOAD,
                    ParameterKind.STATE);
        });
        assertThat(testSubject.commandHandler(NotifyOwner.class)).get().satisfies(h -> {
            assertThat(h.componentClass()).isEqualTo(NotificationService.class);
            assertThat(h.kind()).isEqualTo(HandlerKind.SERVICE_COMMAND);
        });
        assertThat(testSubject.queryHandlers().keySet()).containsExactly(FindTodoList.class);
        assertThat(testSubject.queryHandler(FindTodoList.class)).get()
                .extracting(HandlerMethod::componentClass).isEqualTo(TodoListProjection.class);
    }

    @Test
    void listsTheProjectorsSagasAndObserversOfEachEvent() {
        // then
        assertThat(testSubject.eventHandlers().keySet())
                .containsExactlyInAnyOrder(TodoListCreated.class, TodoAdded.class, OwnerNotified.class);
        assertThat(testSubject.eventHandlers(TodoListCreated.class)).extracting(HandlerMethod::componentClass)
                .containsExactlyInAnyOrder(TodoListProjector.class, ReminderSaga.class);
        assertThat(testSubject.eventHandlers(TodoAdded.class)).extracting(HandlerMethod::componentClass)
                .containsExactlyInAnyOrder(TodoListProjector.class, AuditObserver.class);
        assertThat(testSubject.eventHandlers(OwnerNotified.class)).extracting(HandlerMethod::componentClass)
                .containsExactlyInAnyOrder(ReminderSaga.class, AuditObserver.class);

        HandlerMethod projectorOnTodoAdded = testSubject.component(TodoListProjector.class).orElseThrow()
                .handler(HandlerKind.EVENT, TodoAdded.class).orElseThrow();
        assertThat(projectorOnTodoAdded.retry()).isEqualTo(5);
        assertThat(projectorOnTodoAdded.retryDelay()).isEqualTo(50);
        assertThat(projectorOnTodoAdded.parameters())
                .containsExactly(ParameterKind.EVENT_MESSAGE, ParameterKind.PAYLOAD);
        assertThat(testSubject.component(TodoListProjector.class).orElseThrow().version()).isEqualTo(2);

        ComponentModel saga = testSubject.component(ReminderSaga.class).orElseThrow();
        assertThat(saga.stateType()).isEqualTo(ReminderState.class);
        assertThat(saga.version()).isEqualTo(3);
        HandlerMethod sagaStart = saga.handler(HandlerKind.SAGA_EVENT, TodoListCreated.class).orElseThrow();
        assertThat(sagaStart.isInit()).isTrue();
        assertThat(sagaStart.associationProperty()).isEqualTo("listId");
        assertThat(sagaStart.associationValue(new TodoListCreated("list-7", "Groceries"))).isEqualTo("list-7");
    }

    @Test
    void collectsTheAggregateCommandInitAndEventSourcingHandlers() {
        // when
        ComponentModel aggregate = testSubject.component(TodoListAggregate.class).orElseThrow();

        // then
        assertThat(aggregate.kind()).isEqualTo(ComponentKind.AGGREGATE);
        assertThat(aggregate.stateType()).isEqualTo(TodoListState.class);
        assertThat(aggregate.snapshotFrequency()).isEqualTo(50);
        assertThat(aggregate.handlers(HandlerKind.AGGREGATE_COMMAND)).extracting(HandlerMethod::payloadType)
                .containsExactlyInAnyOrder(CreateTodoList.class, AddTodo.class);
        assertThat(aggregate.handlers(HandlerKind.AGGREGATE_COMMAND)).filteredOn(HandlerMethod::isInit)
                .extracting(HandlerMethod::payloadType).containsExactly(CreateTodoList.class);
        assertThat(aggregate.handlers(HandlerKind.EVENT_SOURCING)).extracting(HandlerMethod::payloadType)
                .containsExactlyInAnyOrder(TodoListCreated.class, TodoAdded.class);
        assertThat(testSubject.eventHandlers().values().stream().flatMap(List::stream))
                .noneMatch(h -> h.kind() == HandlerKind.EVENT_SOURCING);
    }

    @Test
    void registersEveryPayloadTypeByItsSimpleName() {
        // then
        assertThat(testSubject.payloadTypes()).containsOnlyKeys("CreateTodoList", "AddTodo", "TodoListCreated",
                "TodoAdded", "NotifyOwner", "OwnerNotified", "FindTodoList");
        assertThat(testSubject.payloadType("TodoAdded")).contains(TodoAdded.class);
        assertThat(testSubject.payloadType("TodoListView")).isEmpty();
    }

    @Test
    void makesEveryComponentAnApplicationScopedBeanByDefault() {
        for (Class<?> component : TodoApplication.COMPONENTS) {
            // when
            Bean<?> bean = beanManager.resolve(beanManager.getBeans(component));

            // then
            assertThat(bean).as("bean of %s", component.getSimpleName()).isNotNull();
            assertThat(bean.getScope()).as("scope of %s", component.getSimpleName())
                    .isEqualTo(ApplicationScoped.class);
        }
    }

    @Test
    void injectsThroughConstructorsFieldsAndInitializers() throws Throwable {
        // given
        Instant before = Instant.now().minusSeconds(1);
        TodoListAggregate aggregate = reference(TodoListAggregate.class);
        TodoListProjector projector = reference(TodoListProjector.class);
        TodoListProjection projection = reference(TodoListProjection.class);
        NotificationService service = reference(NotificationService.class);
        AuditObserver observer = reference(AuditObserver.class);

        // when: each handler is invoked on the contextual reference, as the runtime does
        Object added = handler(AddTodo.class).invoke(aggregate,
                HandlerArguments.of(new AddTodo("list-1", "milk", Priority.HIGH)).state(new TodoListState()));
        invoke(TodoListProjector.class, HandlerKind.EVENT, TodoListCreated.class, projector,
                HandlerArguments.of(new TodoListCreated("list-1", "Groceries")));
        invoke(TodoListProjector.class, HandlerKind.EVENT, TodoAdded.class, projector,
                HandlerArguments.of(((List<?>) added).get(0) instanceof TodoAdded t ? t : null));
        Object answer = testSubject.queryHandler(FindTodoList.class).orElseThrow().invoke(projection,
                HandlerArguments.of(new FindTodoList("list-1")));
        handler(NotifyOwner.class).invoke(service, HandlerArguments.of(new NotifyOwner("list-1", "hello")));
        invoke(AuditObserver.class, HandlerKind.EVENT, OwnerNotified.class, observer,
                HandlerArguments.of(new OwnerNotified("list-1", "hello")));

        // then
        assertThat(added).asList().singleElement().isInstanceOfSatisfying(TodoAdded.class,
                e -> assertThat(e.addedAt()).isAfter(before)); // constructor injection (TodoClock)
        assertThat(answer).isEqualTo(Single.of(new TodoListView("list-1", "Groceries", List.of("milk"))));
        assertThat(reference(NotificationLog.class).entries())
                .containsExactly("notified list-1: hello", "audit notified list-1"); // field injection
    }

    @Test
    void injectsTheGatewaysIntoAnInvokerThroughItsInitializer() {
        // given
        TodoInvoker invoker = reference(TodoInvoker.class);

        // when
        CompletableFuture<TodoListCreated> sent = invoker.create("list-1", "Groceries");
        CompletableFuture<Single<TodoListView>> asked = invoker.find("list-1");

        // then: the gateways were injected and accepted the messages; only the transport is missing in SE
        assertThat(sent).failsWithin(java.time.Duration.ZERO).withThrowableOfType(
                java.util.concurrent.ExecutionException.class).havingCause().isExactlyInstanceOf(RecqException.class)
                .withMessageContaining("No command transport");
        assertThat(asked).failsWithin(java.time.Duration.ZERO).withThrowableOfType(
                java.util.concurrent.ExecutionException.class).havingCause().isExactlyInstanceOf(RecqException.class)
                .withMessageContaining("No query transport");
    }

    @Test
    void logsOneSummaryOfWhatWasFoundAtStartup() {
        // given
        Logger runtimeLog = Logger.getLogger(RecqRuntime.class.getName());
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        runtimeLog.addHandler(capture);
        Weld weld = new Weld(getClass().getName() + "-summary").disableDiscovery()
                .addExtension(new RecqExtension())
                .addExtension(new io.smallrye.config.inject.ConfigExtension())
                .addBeanClasses(TodoApplication.beanClasses());

        // when
        try (WeldContainer container = weld.initialize()) {
            // then
            assertThat(logged).filteredOn(r -> r.getLevel() == Level.INFO).extracting(LogRecord::getMessage)
                    .containsExactly("RECQ started: 1 aggregate, 1 service, 1 projector, 1 projection, 1 saga, "
                            + "1 observer, 1 invoker; 12 handlers for 3 commands, 1 query and 3 consumed event "
                            + "types; 7 payload types");
        } finally {
            runtimeLog.removeHandler(capture);
        }
    }

    @Test
    void keepsAScopeThatTheComponentDeclares() {
        // given
        Weld weld = new Weld(getClass().getName() + "-dependent").disableDiscovery()
                .addExtension(new RecqExtension())
                .addExtension(new io.smallrye.config.inject.ConfigExtension())
                .addBeanClasses(DependentService.class);

        // when
        try (WeldContainer container = weld.initialize()) {
            BeanManager manager = container.getBeanManager();
            Bean<?> bean = manager.resolve(manager.getBeans(DependentService.class));

            // then
            assertThat(bean.getScope()).isEqualTo(Dependent.class);
            assertThat(container.select(RecqModel.class).get().component(DependentService.class)).isPresent();
        }
    }

    @Service
    @Dependent
    static class DependentService {

        @CommandHandler
        void handle(Ping command) {
        }
    }

    public record Ping(String id) implements ServiceCommand {
    }

    private <T> T reference(Class<T> type) {
        return weld.select(type).get();
    }

    private HandlerMethod handler(Class<?> commandType) {
        return testSubject.commandHandler(commandType).orElseThrow();
    }

    private void invoke(Class<?> component, HandlerKind kind, Class<?> payload, Object target,
            HandlerArguments arguments) throws Throwable {
        testSubject.component(component).orElseThrow().handler(kind, payload).orElseThrow()
                .invoke(target, arguments.metadata(Metadata.empty()));
    }
}
