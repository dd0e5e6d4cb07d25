package io.recq.cdi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.api.RecqException;
import io.recq.cdi.it.ear.CommandSideProbe;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.RecqModel;
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
import io.recq.cdi.todo.TodoClock;
import io.recq.cdi.todo.TodoInvoker;
import io.recq.cdi.todo.TodoListAggregate;
import io.recq.cdi.todo.TodoListCreated;
import io.recq.cdi.todo.TodoListProjection;
import io.recq.cdi.todo.TodoListProjector;
import io.recq.cdi.todo.TodoListState;
import io.recq.cdi.todo.TodoListStore;
import io.recq.cdi.todo.TodoListView;

/**
 * RECQ in {@code EAR/lib}, the command side (aggregate, service, payloads) in an EJB module without
 * {@code beans.xml}, the read side, saga, observer and invoker in a WAR: one model spans both modules, and
 * both modules see the framework's beans.
 */
@ExtendWith(ArquillianExtension.class)
class EarVisibilityIT {

    @Deployment
    static EnterpriseArchive deployment() {
        JavaArchive commandSide = ShrinkWrap.create(JavaArchive.class, "todo-commands.jar")
                .addClasses(TodoListAggregate.class, NotificationService.class, TodoClock.class,
                        NotificationLog.class, CreateTodoList.class, AddTodo.class, TodoListCreated.class,
                        TodoAdded.class, Priority.class, NotifyOwner.class, OwnerNotified.class,
                        TodoListState.class, CommandSideProbe.class);
        WebArchive readSide = ShrinkWrap.create(WebArchive.class, "todo-web.war")
                .addClasses(TodoListProjector.class, TodoListProjection.class, TodoListStore.class,
                        ReminderSaga.class, ReminderState.class, AuditObserver.class, TodoInvoker.class,
                        FindTodoList.class, TodoListView.class, TodoApplication.class, EarVisibilityIT.class)
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml");
        return ShrinkWrap.create(EnterpriseArchive.class, "recq-visibility.ear")
                .addAsModule(commandSide)
                .addAsModule(readSide)
                .addAsLibraries(RecqLibraries.api(), RecqLibraries.cdi());
    }

    @Inject
    RecqModel model;

    @Inject
    BeanManager beanManager;

    @EJB
    CommandSideProbe probe;

    @Test
    void buildsOneModelFromTheEjbModuleAndTheWar() {
        Set<Class<?>> found = model.components().stream().map(ComponentModel::componentClass)
                .collect(Collectors.toSet());
        assertEquals(Set.copyOf(TodoApplication.COMPONENTS), found);
        assertEquals(TodoListAggregate.class, model.commandHandler(CreateTodoList.class).orElseThrow().componentClass());
        assertEquals(NotificationService.class, model.commandHandler(NotifyOwner.class).orElseThrow().componentClass());
        assertEquals(TodoListProjection.class, model.queryHandler(FindTodoList.class).orElseThrow().componentClass());
        assertEquals(2, model.eventHandlers(TodoAdded.class).size());
    }

    @Test
    void givesTheEjbModuleTheSameModel() {
        RecqModel seenByEjbModule = probe.model();
        assertNotNull(seenByEjbModule);
        assertSame(model.commandHandler(AddTodo.class).orElseThrow().method(),
                seenByEjbModule.commandHandler(AddTodo.class).orElseThrow().method());
        assertEquals(model.summary(), seenByEjbModule.summary());
    }

    @Test
    void givesTheEjbModuleAWorkingCommandGateway() {
        RuntimeException thrown = probe.send(new CreateTodoList("list-1", "Groceries"));

        // the gateway in EAR/lib knew the command and its handler; only the transport is not deployed
        assertInstanceOf(RecqException.class, thrown);
        assertTrue(thrown.getMessage().contains("No command transport"), thrown.getMessage());
    }

    @Test
    void invokesAHandlerOfTheEjbModuleFromTheWar() throws Throwable {
        Bean<?> bean = beanManager.resolve(beanManager.getBeans(TodoListAggregate.class));
        Object aggregate = beanManager.getReference(bean, TodoListAggregate.class,
                beanManager.createCreationalContext(bean));

        Object events = model.commandHandler(AddTodo.class).orElseThrow().invoke(aggregate,
                HandlerArguments.of(new AddTodo("list-1", "milk", Priority.LOW)).state(new TodoListState()));

        assertInstanceOf(List.class, events);
        TodoAdded added = (TodoAdded) ((List<?>) events).get(0);
        assertEquals("milk", added.text());
        assertNotNull(added.addedAt(), "the aggregate's constructor-injected clock");
    }

    @Test
    void invokesAWarHandlerThatUsesABeanOfTheWar() throws Throwable {
        Object projector = reference(TodoListProjector.class);
        Object projection = reference(TodoListProjection.class);

        model.eventHandlers(TodoListCreated.class).stream()
                .filter(h -> h.componentClass() == TodoListProjector.class).findFirst().orElseThrow()
                .invoke(projector, HandlerArguments.of(new TodoListCreated("list-2", "Chores")));
        Object answer = model.queryHandler(FindTodoList.class).orElseThrow().invoke(projection,
                HandlerArguments.of(new FindTodoList("list-2")));

        assertEquals(io.recq.api.Single.of(new TodoListView("list-2", "Chores", List.of())), answer);
    }

    private Object reference(Class<?> type) {
        Bean<?> bean = beanManager.resolve(beanManager.getBeans(type));
        return beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
    }
}
