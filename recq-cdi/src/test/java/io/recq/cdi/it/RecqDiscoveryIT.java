package io.recq.cdi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.api.CommandGateway;
import io.recq.api.RecqException;
import io.recq.api.Single;
import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.query.DefaultQueryProcessor;
import io.recq.cdi.runtime.DefaultCommandGateway;
import io.recq.cdi.runtime.DefaultQueryGateway;
import io.recq.cdi.runtime.RecqConfig;
import io.recq.cdi.runtime.RecqRuntime;
import io.recq.cdi.todo.AddTodo;
import io.recq.cdi.todo.AuditObserver;
import io.recq.cdi.todo.CreateTodoList;
import io.recq.cdi.todo.FindTodoList;
import io.recq.cdi.todo.NotificationService;
import io.recq.cdi.todo.NotifyOwner;
import io.recq.cdi.todo.OwnerNotified;
import io.recq.cdi.todo.ReminderSaga;
import io.recq.cdi.todo.TodoAdded;
import io.recq.cdi.todo.TodoApplication;
import io.recq.cdi.todo.TodoInvoker;
import io.recq.cdi.todo.TodoListAggregate;
import io.recq.cdi.todo.TodoListCreated;
import io.recq.cdi.todo.TodoListProjection;
import io.recq.cdi.todo.TodoListProjector;
import io.recq.cdi.todo.TodoListView;

/**
 * Deploys the TodoList application to WildFly as a WAR without {@code beans.xml} (annotated discovery: the
 * RECQ stereotypes alone make the components beans), with recq-api and recq-cdi in {@code WEB-INF/lib} as
 * the build packages them, and checks the model the extension built, the components' scope and injection,
 * and the start-up summary in the server log.
 *
 * <p>Runs inside the server, where only JUnit's assertions are packaged.
 */
@ExtendWith(ArquillianExtension.class)
class RecqDiscoveryIT {

    static final String SUMMARY = "RECQ started: 1 aggregate, 1 service, 1 projector, 1 projection, 1 saga, "
            + "1 observer, 1 invoker; 12 handlers for 3 commands, 1 query and 3 consumed event types; "
            + "7 payload types";

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "recq-discovery.war")
                .addPackage(TodoApplication.class.getPackage())
                .addAsLibraries(RecqLibraries.api(), RecqLibraries.cdi());
    }

    @Inject
    RecqModel model;

    @Inject
    BeanManager beanManager;

    @Inject
    TodoInvoker invoker;

    @Test
    void findsOneComponentOfEachKindWithoutBeansXml() {
        Set<Class<?>> found = model.components().stream().map(ComponentModel::componentClass)
                .collect(Collectors.toSet());
        assertEquals(Set.copyOf(TodoApplication.COMPONENTS), found);
        for (ComponentKind kind : ComponentKind.values()) {
            assertEquals(1, model.components(kind).size(), "components of kind " + kind);
        }
    }

    @Test
    void routesCommandsAndQueriesAndListsEventConsumers() {
        assertEquals(TodoListAggregate.class, handlerOf(CreateTodoList.class).componentClass());
        assertTrue(handlerOf(CreateTodoList.class).isInit());
        assertEquals(TodoListAggregate.class, handlerOf(AddTodo.class).componentClass());
        assertEquals(NotificationService.class, handlerOf(NotifyOwner.class).componentClass());
        assertEquals(TodoListProjection.class,
                model.queryHandler(FindTodoList.class).orElseThrow().componentClass());

        assertEquals(Set.of(TodoListProjector.class, ReminderSaga.class), consumersOf(TodoListCreated.class));
        assertEquals(Set.of(TodoListProjector.class, AuditObserver.class), consumersOf(TodoAdded.class));
        assertEquals(Set.of(ReminderSaga.class, AuditObserver.class), consumersOf(OwnerNotified.class));

        ComponentModel aggregate = model.component(TodoListAggregate.class).orElseThrow();
        assertEquals(Set.of(TodoListCreated.class, TodoAdded.class), aggregate.handlers(HandlerKind.EVENT_SOURCING)
                .stream().map(HandlerMethod::payloadType).collect(Collectors.toSet()));
        assertEquals(Set.of("CreateTodoList", "AddTodo", "TodoListCreated", "TodoAdded", "NotifyOwner",
                "OwnerNotified", "FindTodoList"), model.payloadTypes().keySet());
    }

    @Test
    void makesTheComponentsApplicationScopedBeans() {
        for (Class<?> component : TodoApplication.COMPONENTS) {
            Bean<?> bean = beanManager.resolve(beanManager.getBeans(component));
            assertNotNull(bean, "no bean for " + component.getName());
            assertEquals(ApplicationScoped.class, bean.getScope(), "scope of " + component.getName());
        }
    }

    @Test
    void discoversTheFrameworkBeansOnceAndNothingElseOfTheRecqJar() {
        // recq-cdi is an explicit bean archive trimmed to its scoped classes; the extension adds none again
        for (Class<?> frameworkBean : List.of(RecqRuntime.class, RecqConfig.class, DefaultCommandGateway.class,
                DefaultQueryGateway.class, DefaultQueryProcessor.class)) {
            assertEquals(1, beanManager.getBeans(frameworkBean).size(), "beans of " + frameworkBean.getName());
        }
        assertEquals(1, beanManager.getBeans(CommandGateway.class).size(), "command gateways");
        // a public class with a no-argument constructor, but no scope: not a bean
        assertTrue(beanManager.getBeans(ComponentIntrospector.class).isEmpty(), "ComponentIntrospector is a bean");
    }

    @Test
    void invokesHandlersOnContextualReferencesWithTheirInjectedDependencies() throws Throwable {
        Object projector = reference(TodoListProjector.class);
        Object projection = reference(TodoListProjection.class);

        model.component(TodoListProjector.class).orElseThrow().handler(HandlerKind.EVENT, TodoListCreated.class)
                .orElseThrow().invoke(projector, HandlerArguments.of(new TodoListCreated("list-9", "Errands")));
        Object answer = model.queryHandler(FindTodoList.class).orElseThrow().invoke(projection,
                HandlerArguments.of(new FindTodoList("list-9")));

        assertEquals(Single.of(new TodoListView("list-9", "Errands", List.of())), answer);
    }

    @Test
    void givesTheInvokerGatewaysThatAcceptItsMessages() throws Exception {
        CompletableFuture<?> sent = invoker.create("list-1", "Groceries");

        // recq-jms is not deployed: the command passed the gateway's checks and found no transport
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> sent.get(10, TimeUnit.SECONDS));
        assertInstanceOf(RecqException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("No command transport"), failure.getCause().getMessage());
    }

    @Test
    void logsTheStartupSummary() throws IOException {
        assertEquals(SUMMARY, "RECQ started: " + model.summary());
        Path log = Path.of(System.getProperty("jboss.server.log.dir"), "server.log");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertTrue(lines.stream().anyMatch(l -> l.contains(" INFO ") && l.endsWith(SUMMARY)),
                "no summary line in " + log);
    }

    private HandlerMethod handlerOf(Class<?> command) {
        return model.commandHandler(command).orElseThrow();
    }

    private Set<Class<?>> consumersOf(Class<?> event) {
        return model.eventHandlers(event).stream().map(HandlerMethod::componentClass).collect(Collectors.toSet());
    }

    private Object reference(Class<?> type) {
        Bean<?> bean = beanManager.resolve(beanManager.getBeans(type));
        return beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
    }
}
