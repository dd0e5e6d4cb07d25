package io.recq.cdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.inject.Inject;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.recq.api.CommandGateway;
import io.recq.api.EventHandler;
import io.recq.api.ForbiddenMessageException;
import io.recq.api.Metadata;
import io.recq.api.Projector;
import io.recq.api.QueryGateway;
import io.recq.api.RecqException;
import io.recq.cdi.RecqExtension;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.todo.CreateTodoList;
import io.recq.cdi.todo.FindTodoList;
import io.recq.cdi.todo.NotifyOwner;
import io.recq.cdi.todo.TodoApplication;
import io.recq.cdi.todo.TodoListCreated;

/**
 * The gateways of a Weld SE deployment refuse what the sending component's kind may not send. No transport
 * is deployed here, so a message that passes the capability check ends at "no transport".
 */
@EnableWeld
class GatewayCapabilityTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld().disableDiscovery()
            .addExtension(new RecqExtension())
            .addExtension(new io.smallrye.config.inject.ConfigExtension())
            .addBeanClasses(TodoApplication.beanClasses())
            .addBeanClasses(CommandingProjector.class))
            .build();

    @Inject
    RecqModel model;

    @Inject
    CommandGateway commands;

    @Inject
    QueryGateway queries;

    @Test
    void refusesACommandSentByAProjectorHandler() throws Exception {
        // given
        HandlerMethod handler = model.component(CommandingProjector.class).orElseThrow()
                .handler(HandlerKind.EVENT, TodoListCreated.class).orElseThrow();
        CommandingProjector projector = weld.select(CommandingProjector.class).get();
        HandlerScope.Frame frame = new HandlerScope.Frame(ComponentKind.PROJECTOR, handler.describe(), "event-1",
                Metadata.empty());

        // when
        Throwable thrown = HandlerScope.call(frame, () -> catchThrowable(() -> handler.invoke(projector,
                HandlerArguments.of(new TodoListCreated("list-1", "Groceries")).commandGateway(commands))));

        // then: sendAndWait throws the refusal itself, not wrapped
        assertThat(thrown).isExactlyInstanceOf(ForbiddenMessageException.class)
                .hasMessageStartingWith("RECQ-01001 " + CommandingProjector.class.getName()
                        + "#on(TodoListCreated, CommandGateway): ")
                .hasMessageContaining("@Projector may not send commands");
    }

    @ParameterizedTest
    @EnumSource(ComponentKind.class)
    void sendsACommandOnlyFromKindsThatMaySendCommands(ComponentKind kind) throws Exception {
        // given
        HandlerScope.Frame frame = new HandlerScope.Frame(kind, "com.acme.Sender#handle(X)", "m-1", Metadata.empty());

        // when
        Throwable thrown = HandlerScope.call(frame,
                () -> catchThrowable(() -> commands.sendAndWait(new NotifyOwner("list-1", "hello"))));

        // then
        if (kind == ComponentKind.PROJECTOR || kind == ComponentKind.PROJECTION) {
            assertThat(thrown).isExactlyInstanceOf(ForbiddenMessageException.class)
                    .hasMessageStartingWith("RECQ-01001 com.acme.Sender#handle(X): ");
        } else {
            assertThat(thrown).isExactlyInstanceOf(RecqException.class).hasMessageContaining("No command transport");
        }
    }

    @ParameterizedTest
    @EnumSource(ComponentKind.class)
    void sendsAQueryOnlyFromKindsThatMaySendQueries(ComponentKind kind) throws Exception {
        // given
        HandlerScope.Frame frame = new HandlerScope.Frame(kind, "com.acme.Sender#handle(X)", "m-1", Metadata.empty());

        // when
        Throwable thrown = HandlerScope.call(frame,
                () -> catchThrowable(() -> queries.queryAndWait(new FindTodoList("list-1"))));

        // then
        if (kind == ComponentKind.AGGREGATE || kind == ComponentKind.SERVICE) {
            assertThat(thrown).isExactlyInstanceOf(ForbiddenMessageException.class)
                    .hasMessageStartingWith("RECQ-01001 com.acme.Sender#handle(X): ");
        } else {
            assertThat(thrown).isExactlyInstanceOf(RecqException.class).hasMessageContaining("No query transport");
        }
    }

    @Test
    void failsTheFutureOfAForbiddenSendInsteadOfThrowing() throws Exception {
        // given
        HandlerScope.Frame frame = new HandlerScope.Frame(ComponentKind.AGGREGATE, "com.acme.A#handle(X)", "m-1",
                Metadata.empty());

        // when
        var future = HandlerScope.call(frame, () -> queries.query(new FindTodoList("list-1")));

        // then
        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::join).hasCauseExactlyInstanceOf(ForbiddenMessageException.class);
    }

    @Test
    void letsAnInvokerOutsideAnyHandlerSendBoth() {
        // when
        Throwable command = catchThrowable(() -> commands.sendAndWait(new CreateTodoList("list-1", "Groceries")));
        Throwable query = catchThrowable(() -> queries.queryAndWait(new FindTodoList("list-1")));

        // then
        assertThat(command).isExactlyInstanceOf(RecqException.class).hasMessageContaining("No command transport");
        assertThat(query).isExactlyInstanceOf(RecqException.class).hasMessageContaining("No query transport");
    }

    /** A projector that breaks the capability table by sending a command. */
    @Projector
    static class CommandingProjector {

        @EventHandler
        void on(TodoListCreated event, CommandGateway commands) {
            commands.sendAndWait(new NotifyOwner(event.listId(), "created"));
        }
    }
}
