package io.recq.cdi.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.CommandHandler;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.EventHandler;
import io.recq.api.Observer;
import io.recq.api.Service;
import io.recq.api.ServiceEvent;
import io.recq.cdi.todo.AuditObserver;
import io.recq.cdi.todo.NotificationService;
import io.recq.cdi.todo.OwnerNotified;
import io.recq.cdi.todo.TodoAdded;
import io.recq.cdi.todo.TodoApplication;
import io.recq.cdi.todo.TodoListAggregate;
import io.recq.cdi.todo.TodoListCreated;

class RecqModelBuilderTest {

    private final ComponentIntrospector introspector = new ComponentIntrospector();

    @Test
    void buildsTheModelOfTheTodoApplication() {
        // given
        RecqModel.Builder testSubject = RecqModel.builder();
        TodoApplication.COMPONENTS.forEach(c -> testSubject.add(introspector.inspect(c).orThrow()));

        // when
        RecqModel model = testSubject.build();

        // then
        assertThat(testSubject.validate()).isEmpty();
        assertThat(model.components()).hasSize(7);
        assertThat(model.commandHandlers()).hasSize(3);
        assertThat(model.queryHandlers()).hasSize(1);
        assertThat(model.eventHandlers()).hasSize(3);
        assertThat(model.summary()).isEqualTo("1 aggregate, 1 service, 1 projector, 1 projection, 1 saga, "
                + "1 observer, 1 invoker; 12 handlers for 3 commands, 1 query and 3 consumed event types; "
                + "7 payload types");
    }

    @Test
    void registersEventsThatHandlersOnlyReturn() {
        // given: the aggregate returns List<TodoAdded>, the service returns OwnerNotified; nobody consumes them
        RecqModel.Builder testSubject = RecqModel.builder()
                .add(introspector.inspect(ProducingAggregate.class).orThrow())
                .add(introspector.inspect(ProducingService.class).orThrow());

        // when
        RecqModel model = testSubject.build();

        // then
        assertThat(model.payloadTypes()).containsOnlyKeys("Open", "Opened", "Closed", "Knock", "Knocked");
        assertThat(model.eventHandlers()).isEmpty();
    }

    @Test
    void registersExtraPayloadTypes() {
        // given
        RecqModel.Builder testSubject = RecqModel.builder()
                .add(introspector.inspect(NotificationService.class).orThrow())
                .addPayloadType(TodoListCreated.class);

        // when
        RecqModel model = testSubject.build();

        // then
        assertThat(model.payloadType("TodoListCreated")).contains(TodoListCreated.class);
    }

    @Test
    void listsEveryConsumerOfAnEventButNoEventSourcingHandler() {
        // given
        RecqModel.Builder testSubject = RecqModel.builder()
                .add(introspector.inspect(TodoListAggregate.class).orThrow())
                .add(introspector.inspect(AuditObserver.class).orThrow());

        // when
        RecqModel model = testSubject.build();

        // then
        assertThat(model.eventHandlers(TodoAdded.class)).extracting(HandlerMethod::componentClass)
                .containsExactly(AuditObserver.class);
        assertThat(model.eventHandlers(TodoListCreated.class)).isEmpty();
        assertThat(model.eventHandlers(OwnerNotified.class)).hasSize(1);
    }

    @Test
    void reportsACommandHandledByAnAggregateAndAService() {
        // given
        RecqModel.Builder testSubject = RecqModel.builder()
                .add(introspector.inspect(ProducingAggregate.class).orThrow())
                .add(introspector.inspect(OpeningAggregate.class).orThrow());

        // when
        List<DeploymentProblem> problems = testSubject.validate();

        // then
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.DUPLICATE_COMMAND_HANDLER);
            assertThat(p.location()).isEqualTo(OpeningAggregate.class.getName() + "#handle(Open)");
            assertThat(p.found()).contains(ProducingAggregate.class.getName() + "#handle(Open)");
        });
        assertThatThrownBy(testSubject::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RECQ-00004");
    }

    @Test
    void reportsTwoPayloadClassesWithOneName() {
        // given: the observer consumes one Knocked, the service returns another
        RecqModel.Builder testSubject = RecqModel.builder()
                .add(introspector.inspect(ProducingService.class).orThrow())
                .add(introspector.inspect(OtherKnockObserver.class).orThrow());

        // when
        List<DeploymentProblem> problems = testSubject.validate();

        // then
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.DUPLICATE_PAYLOAD_NAME);
            assertThat(p.location()).contains(Knocked.class.getName()).contains(Other.Knocked.class.getName());
        });
    }

    @Test
    void buildsAModelThatCannotBeChanged() {
        // given
        RecqModel model = RecqModel.builder().add(introspector.inspect(TodoListAggregate.class).orThrow()).build();

        // when / then
        assertThatThrownBy(() -> model.commandHandlers().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> model.payloadTypes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> model.components().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> model.eventHandlers().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void summarisesAnEmptyDeployment() {
        assertThat(RecqModel.builder().build().summary()).isEqualTo("0 aggregates, 0 services, 0 projectors, "
                + "0 projections, 0 sagas, 0 observers, 0 invokers; 0 handlers for 0 commands, 0 queries and "
                + "0 consumed event types; 0 payload types");
    }

    public record Open(String doorId) implements DomainCommand {
        @Override
        public String aggregateId() {
            return doorId;
        }
    }

    public record Opened(String doorId) implements DomainEvent {
    }

    public record Closed(String doorId) implements DomainEvent {
    }

    public record Knock(String doorId) implements io.recq.api.ServiceCommand {
    }

    public record Knocked(String doorId) implements ServiceEvent {
    }

    public static final class Other {
        public record Knocked(String doorId) implements ServiceEvent {
        }
    }

    @Aggregate
    static class ProducingAggregate {
        @AggregateCommandHandler(init = true)
        List<DomainEvent> handle(Open command) {
            return List.of(new Opened(command.doorId()));
        }

        @io.recq.api.EventSourcingHandler
        void on(Opened event) {
        }

        @io.recq.api.EventSourcingHandler
        void on(Closed event) {
        }
    }

    @Aggregate
    static class OpeningAggregate {
        @AggregateCommandHandler(init = true)
        Opened handle(Open command) {
            return new Opened(command.doorId());
        }
    }

    @Service
    static class ProducingService {
        @CommandHandler
        Knocked handle(Knock command) {
            return new Knocked(command.doorId());
        }
    }

    @Observer
    static class OtherKnockObserver {
        @EventHandler
        void on(Other.Knocked event) {
        }
    }
}
