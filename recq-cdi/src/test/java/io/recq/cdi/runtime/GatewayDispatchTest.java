package io.recq.cdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import io.recq.api.CommandGateway;
import io.recq.api.DomainCommand;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.api.QueryGateway;
import io.recq.api.Single;
import io.recq.cdi.RecqExtension;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.spi.CommandBus;
import io.recq.cdi.spi.CommandRequest;
import io.recq.cdi.spi.QueryBus;
import io.recq.cdi.spi.QueryRequest;
import io.recq.cdi.todo.CreateTodoList;
import io.recq.cdi.todo.FindTodoList;
import io.recq.cdi.todo.NotifyOwner;
import io.recq.cdi.todo.TodoApplication;
import io.recq.cdi.todo.TodoListCreated;
import io.recq.cdi.todo.TodoListView;

/**
 * What the gateways hand to the transport's SPI: the checked, serialised message with its routing key,
 * correlation metadata and timeout. The buses here record the requests the way a transport receives them
 * and answer them directly (through methods: a test sees them through client proxies).
 */
@EnableWeld
class GatewayDispatchTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld().disableDiscovery()
            .addExtension(new RecqExtension())
            .addExtension(new io.smallrye.config.inject.ConfigExtension())
            .addBeanClasses(TodoApplication.beanClasses())
            .addBeanClasses(RecordingCommandBus.class, RecordingQueryBus.class))
            .build();

    @Inject
    CommandGateway commands;

    @Inject
    QueryGateway queries;

    @Inject
    RecordingCommandBus commandBus;

    @Inject
    RecordingQueryBus queryBus;

    @Test
    void handsTheTransportASerialisedCommandRoutedByItsAggregateId() {
        // when
        TodoListCreated result = commands.sendAndWait(new CreateTodoList("list-1", "Groceries"),
                Metadata.of("tenant", "acme"), Duration.ofSeconds(3));

        // then
        assertThat(result).isEqualTo(new TodoListCreated("list-1", "Groceries"));
        CommandRequest request = commandBus.requests().get(0);
        assertThat(request.messageId()).isNotBlank();
        assertThat(request.payloadName()).isEqualTo("CreateTodoList");
        assertThat(request.json()).isEqualTo("{\"listId\":\"list-1\",\"title\":\"Groceries\"}");
        assertThat(request.routingKey()).isEqualTo("list-1");
        assertThat(request.metadata()).isEqualTo(Metadata.of("tenant", "acme"));
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void routesAServiceCommandByItsLockIdWithTheConfiguredDefaultTimeout() {
        // when
        commands.sendAndWait(new NotifyOwner("list-1", "hello"));

        // then
        CommandRequest request = commandBus.requests().get(0);
        assertThat(request.routingKey()).isEqualTo("list-1");
        assertThat(request.timeout()).isEqualTo(Duration.ofMillis(30_000));
    }

    @Test
    void carriesTheCorrelationOfTheHandledMessage() throws Exception {
        // given
        HandlerScope.Frame saga = new HandlerScope.Frame(ComponentKind.SAGA, "com.acme.S#on(E)", "event-9",
                Metadata.of(Metadata.CORRELATION_ID, "command-1").with(Metadata.IDEMPOTENCY_KEY, "once"));

        // when
        HandlerScope.call(saga, () -> commands.sendAndWait(new NotifyOwner("list-1", "hello")));
        HandlerScope.call(saga, () -> queries.queryAndWait(new FindTodoList("list-1")));

        // then
        for (Metadata sent : List.of(commandBus.requests().get(0).metadata(), queryBus.requests().get(0).metadata())) {
            assertThat(sent.get(Metadata.CORRELATION_ID)).contains("command-1");
            assertThat(sent.get(Metadata.CAUSATION_ID)).contains("event-9");
            assertThat(sent.get(Metadata.IDEMPOTENCY_KEY)).isEmpty();
        }
    }

    @Test
    void handsTheTransportAQueryWithItsDeclaredAnswerType() {
        // when
        Single<TodoListView> answer = queries.queryAndWait(new FindTodoList("list-1"));

        // then
        assertThat(answer.isEmpty()).isTrue();
        QueryRequest request = queryBus.requests().get(0);
        assertThat(request.payloadName()).isEqualTo("FindTodoList");
        assertThat(request.answerType().getTypeName())
                .isEqualTo(Single.class.getName() + "<" + TodoListView.class.getName() + ">");
        assertThat(request.timeout()).isEqualTo(Duration.ofMillis(10_000));
    }

    @Test
    void refusesACommandWithoutHandlerBeforeTheTransport() {
        assertThatThrownBy(() -> commands.sendAndWait(new Unhandled("x")))
                .isExactlyInstanceOf(HandlerNotFoundException.class).hasMessageStartingWith("RECQ-01002 ");
        assertThat(commandBus.requests()).isEmpty();
    }

    @Test
    void refusesADomainCommandWithoutAggregateIdBeforeTheTransport() {
        assertThatThrownBy(() -> commands.sendAndWait(new CreateTodoList(" ", "Groceries")))
                .isExactlyInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ");
        assertThatThrownBy(() -> commands.sendAndWait(null))
                .isExactlyInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ");
        assertThat(commandBus.requests()).isEmpty();
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThatThrownBy(() -> commands.sendAndWait(new NotifyOwner("l", "m"), Metadata.empty(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(commandBus.requests()).isEmpty();
    }

    @Test
    void throwsTheHandlersExceptionItselfFromSendAndWait() {
        // given
        commandBus.failWith(new IllegalStateException("list list-1 is full"));

        // when / then
        assertThatThrownBy(() -> commands.sendAndWait(new NotifyOwner("list-1", "m")))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessage("list list-1 is full");
    }

    public record Unhandled(String id) implements DomainCommand {
        @Override
        public String aggregateId() {
            return id;
        }
    }

    @ApplicationScoped
    static class RecordingCommandBus implements CommandBus {
        private final List<CommandRequest> requests = new CopyOnWriteArrayList<>();
        private volatile RuntimeException failWith;

        List<CommandRequest> requests() {
            return requests;
        }

        void failWith(RuntimeException failure) {
            this.failWith = failure;
        }

        @Override
        public CompletableFuture<Object> dispatch(CommandRequest request) {
            requests.add(request);
            if (failWith != null) {
                return CompletableFuture.failedFuture(failWith);
            }
            if (request.command() instanceof CreateTodoList c) {
                return CompletableFuture.completedFuture(new TodoListCreated(c.listId(), c.title()));
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    @ApplicationScoped
    static class RecordingQueryBus implements QueryBus {
        private final List<QueryRequest> requests = new CopyOnWriteArrayList<>();

        List<QueryRequest> requests() {
            return requests;
        }

        @Override
        public CompletableFuture<Object> dispatch(QueryRequest request) {
            requests.add(request);
            return CompletableFuture.completedFuture(Single.empty());
        }
    }
}
