package io.recq.cdi.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.AggregateState;
import io.recq.api.CommandGateway;
import io.recq.api.CommandHandler;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.EventHandler;
import io.recq.api.EventMessage;
import io.recq.api.EventSourcingHandler;
import io.recq.api.Metadata;
import io.recq.api.Observer;
import io.recq.api.Projection;
import io.recq.api.Projector;
import io.recq.api.ProjectorStatus;
import io.recq.api.Query;
import io.recq.api.QueryGateway;
import io.recq.api.QueryHandler;
import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;
import io.recq.api.SagaState;
import io.recq.api.Service;
import io.recq.api.ServiceCommand;
import io.recq.api.ServiceEvent;
import io.recq.cdi.todo.ReminderSaga;
import io.recq.cdi.todo.ReminderState;
import io.recq.cdi.todo.TodoApplication;
import io.recq.cdi.todo.TodoInvoker;
import io.recq.cdi.todo.TodoListAggregate;
import io.recq.cdi.todo.TodoListCreated;
import io.recq.cdi.todo.TodoListProjector;
import io.recq.cdi.todo.TodoListState;

class ComponentIntrospectorTest {

    private final ComponentIntrospector testSubject = new ComponentIntrospector();

    @Test
    void inspectsEveryComponentOfTheTodoApplicationWithoutProblems() {
        for (Class<?> component : TodoApplication.COMPONENTS) {
            // when
            ComponentIntrospector.Introspection introspection = testSubject.inspect(component);

            // then
            assertThat(introspection.problems()).as(component.getSimpleName()).isEmpty();
            assertThat(introspection.isValid()).isTrue();
            assertThat(introspection.orThrow().componentClass()).isEqualTo(component);
        }
    }

    @Test
    void readsTheStateTypeAndSettingsOfAnAggregate() {
        // when
        ComponentModel aggregate = testSubject.inspect(TodoListAggregate.class).orThrow();

        // then
        assertThat(aggregate.kind()).isEqualTo(ComponentKind.AGGREGATE);
        assertThat(aggregate.stateType()).isEqualTo(TodoListState.class);
        assertThat(aggregate.snapshotFrequency()).isEqualTo(50);
        assertThat(aggregate.handlers()).hasSize(4);
    }

    @Test
    void matchesParametersByTypeInAnyOrder() {
        // when
        ComponentModel projector = testSubject.inspect(AllParametersProjector.class).orThrow();

        // then
        assertThat(projector.handlers()).singleElement().extracting(HandlerMethod::parameters).asList()
                .containsExactly(ParameterKind.PROJECTOR_STATUS, ParameterKind.TIMESTAMP, ParameterKind.PAYLOAD,
                        ParameterKind.EVENT_MESSAGE, ParameterKind.QUERY_GATEWAY, ParameterKind.METADATA,
                        ParameterKind.COMMAND_GATEWAY);
    }

    @Test
    void collectsHandlersInheritedFromASuperclassOnce() {
        // when
        ComponentModel projector = testSubject.inspect(InheritingProjector.class).orThrow();

        // then
        assertThat(projector.handlers()).extracting(HandlerMethod::payloadType)
                .containsExactlyInAnyOrder(Pinged.class, Ponged.class);
    }

    @Test
    void readsTheProjectorVersionAndContexts() {
        // when
        ComponentModel projector = testSubject.inspect(ContextProjector.class).orThrow();

        // then
        assertThat(projector.version()).isEqualTo(4);
        assertThat(projector.contexts()).containsExactly("billing", "shipping");
        assertThat(projector.consumesContext("billing")).isTrue();
        assertThat(projector.consumesContext("default")).isFalse();
        assertThat(testSubject.inspect(TodoListProjector.class).orThrow().consumesContext("anything")).isTrue();
    }

    @Test
    void acceptsAnInvokerWithoutHandlers() {
        assertThat(testSubject.inspect(TodoInvoker.class).orThrow().handlers()).isEmpty();
    }

    @Test
    void reportsAHandlerOnAClassThatIsNotAComponent() {
        assertProblem(NotAComponent.class, ErrorCode.HANDLER_IN_WRONG_COMPONENT,
                NotAComponent.class.getName() + "#on(Pinged)");
    }

    @Test
    void reportsAClassWithSeveralStereotypes() {
        assertProblem(TwoFaced.class, ErrorCode.SEVERAL_STEREOTYPES, TwoFaced.class.getName());
    }

    @Test
    void reportsAMethodWithSeveralHandlerAnnotations() {
        assertProblem(DoubleAnnotatedObserver.class, ErrorCode.SEVERAL_HANDLER_ANNOTATIONS,
                DoubleAnnotatedObserver.class.getName() + "#on(Pinged)");
    }

    @Test
    void reportsAHandlerAnnotationThatTheComponentKindCannotDeclare() {
        assertProblem(QueryingProjector.class, ErrorCode.HANDLER_IN_WRONG_COMPONENT,
                QueryingProjector.class.getName() + "#handle(CountPings)");
    }

    @Test
    void reportsAPayloadOfTheWrongKind() {
        assertProblem(DomainCommandService.class, ErrorCode.WRONG_PAYLOAD_TYPE,
                DomainCommandService.class.getName() + "#handle(Rename)");
    }

    @Test
    void reportsAReturnTypeThatDoesNotFitTheHandler() {
        assertProblem(ReturningProjector.class, ErrorCode.WRONG_RETURN_TYPE,
                ReturningProjector.class.getName() + "#on(Pinged)");
        assertProblem(VoidAggregate.class, ErrorCode.WRONG_RETURN_TYPE,
                VoidAggregate.class.getName() + "#handle(Rename)");
        assertProblem(WrongAnswerProjection.class, ErrorCode.WRONG_RETURN_TYPE,
                WrongAnswerProjection.class.getName() + "#handle(CountPings)");
    }

    @Test
    void reportsAnAnswerTypeThatIsNotPublic() {
        assertProblem(HiddenViewProjection.class, ErrorCode.PAYLOAD_NOT_CREATABLE,
                HiddenViewProjection.class.getName() + "#handle(FindHidden)");
    }

    @Test
    void reportsAQueryWithoutAnswerType() {
        assertProblem(RawQueryProjection.class, ErrorCode.WRONG_PAYLOAD_TYPE,
                RawQueryProjection.class.getName() + "#handle(RawQuery)");
    }

    @Test
    void reportsTwoParametersOfTheSameKind() {
        assertProblem(TwoMetadataObserver.class, ErrorCode.AMBIGUOUS_PARAMETER,
                TwoMetadataObserver.class.getName() + "#on(Pinged, Metadata, Metadata)");
    }

    @Test
    void reportsParametersThatTheHandlerKindCannotReceive() {
        assertProblem(StatusObserver.class, ErrorCode.UNSUPPORTED_PARAMETER,
                StatusObserver.class.getName() + "#on(Pinged, ProjectorStatus)");
        assertProblem(EnvelopeService.class, ErrorCode.UNSUPPORTED_PARAMETER,
                EnvelopeService.class.getName() + "#handle(Ping, EventMessage)");
    }

    @Test
    void reportsHandlersThatDisagreeOnTheStateType() {
        assertProblem(TwoStatesAggregate.class, ErrorCode.INCONSISTENT_STATE_TYPE, TwoStatesAggregate.class.getName());
    }

    @Test
    void reportsASagaWhoseStateTypeIsNowhere() {
        assertProblem(StatelessSaga.class, ErrorCode.MISSING_STATE_TYPE, StatelessSaga.class.getName());
    }

    @Test
    void reportsAnAbstractPayloadParameter() {
        assertProblem(AnyEventObserver.class, ErrorCode.PAYLOAD_NOT_CREATABLE,
                AnyEventObserver.class.getName() + "#on(ServiceEvent)");
    }

    @Test
    void reportsAStateClassThatJsonbCannotCreate() {
        assertProblem(UncreatableStateAggregate.class, ErrorCode.PAYLOAD_NOT_CREATABLE,
                UncreatableState.class.getName());
    }

    @Test
    void reportsInvalidSettings() {
        assertProblem(NoSnapshotsAggregate.class, ErrorCode.INVALID_COMPONENT_SETTING,
                NoSnapshotsAggregate.class.getName());
        assertProblem(VersionZeroObserver.class, ErrorCode.INVALID_COMPONENT_SETTING,
                VersionZeroObserver.class.getName());
        assertProblem(NegativeRetryObserver.class, ErrorCode.INVALID_COMPONENT_SETTING,
                NegativeRetryObserver.class.getName() + "#on(Pinged)");
        assertProblem(BlankContextProjector.class, ErrorCode.INVALID_COMPONENT_SETTING,
                BlankContextProjector.class.getName());
    }

    @Test
    void reportsEveryProblemOfAComponentAtOnce() {
        // when
        ComponentIntrospector.Introspection introspection = testSubject.inspect(ManyProblemsObserver.class);

        // then
        assertThat(introspection.isValid()).isFalse();
        assertThat(introspection.component()).isNull();
        assertThat(introspection.problems()).extracting(DeploymentProblem::code).containsExactlyInAnyOrder(
                ErrorCode.NO_PAYLOAD_PARAMETER, ErrorCode.INACCESSIBLE_HANDLER, ErrorCode.UNSUPPORTED_PARAMETER,
                ErrorCode.DUPLICATE_HANDLER_IN_COMPONENT);
        assertThatThrownBy(introspection::orThrow).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RECQ-00001").hasMessageContaining("RECQ-00008")
                .hasMessageContaining("RECQ-00002").hasMessageContaining("RECQ-00003");
    }

    @Test
    void reportsAProblemAsCodeLocationFoundAndFix() {
        // when
        DeploymentProblem problem = testSubject.inspect(TwoMetadataObserver.class).problems().get(0);

        // then
        assertThat(problem.message()).isEqualTo("RECQ-00019 " + TwoMetadataObserver.class.getName()
                + "#on(Pinged, Metadata, Metadata): " + problem.found() + ". Fix: " + problem.fix());
        assertThat(problem.found()).isNotBlank();
        assertThat(problem.fix()).isNotBlank();
    }

    @Test
    void readsTheSagaAssociationFromARecordComponent() {
        // when
        HandlerMethod start = testSubject.inspect(ReminderSaga.class).orThrow()
                .handler(HandlerKind.SAGA_EVENT, TodoListCreated.class).orElseThrow();

        // then
        assertThat(start.associationValue(new TodoListCreated("list-3", "x"))).isEqualTo("list-3");
        assertThat(testSubject.inspect(ReminderSaga.class).orThrow().stateType()).isEqualTo(ReminderState.class);
    }

    @Test
    void readsTheSagaAssociationFromAGetterOrAPublicField() {
        // when
        ComponentModel saga = testSubject.inspect(BeanEventSaga.class).orThrow();

        // then
        BeanEvent event = new BeanEvent();
        event.setOrderId("o-1");
        event.customer = "c-1";
        assertThat(saga.handler(HandlerKind.SAGA_EVENT, BeanEvent.class).orElseThrow().associationValue(event))
                .isEqualTo("o-1");
        FieldEvent fieldEvent = new FieldEvent();
        fieldEvent.customer = "c-2";
        assertThat(saga.handler(HandlerKind.SAGA_EVENT, FieldEvent.class).orElseThrow().associationValue(fieldEvent))
                .isEqualTo("c-2");
    }

    private void assertProblem(Class<?> type, ErrorCode code, String location) {
        ComponentIntrospector.Introspection introspection = testSubject.inspect(type);
        assertThat(introspection.isValid()).as("%s is valid", type.getSimpleName()).isFalse();
        assertThat(introspection.problems()).as("problems of %s", type.getSimpleName())
                .anySatisfy(p -> {
                    assertThat(p.code()).isEqualTo(code);
                    assertThat(p.location()).isEqualTo(location);
                });
    }

    // ---- payloads

    public record Ping(String id) implements ServiceCommand {
    }

    public record Pinged(String id) implements ServiceEvent {
    }

    public record Ponged(String id) implements ServiceEvent {
    }

    public record Rename(String id) implements DomainCommand {
        @Override
        public String aggregateId() {
            return id;
        }
    }

    public record Renamed(String id) implements DomainEvent {
    }

    public record CountPings(String id) implements Query<Integer> {
    }

    record HiddenView(String id) implements io.recq.api.View {
    }

    public record FindHidden(String id) implements Query<io.recq.api.Multiple<HiddenView>> {
    }

    @SuppressWarnings("rawtypes")
    public record RawQuery(String id) implements Query {
    }

    public static class BeanEvent implements ServiceEvent {
        private String orderId;
        public String customer;

        public String getOrderId() {
            return orderId;
        }

        public void setOrderId(String orderId) {
            this.orderId = orderId;
        }
    }

    public static class FieldEvent implements ServiceEvent {
        public String customer;
    }

    public static class OrderState extends SagaState {
    }

    public static class OtherState extends AggregateState {
    }

    public static class RenameState extends AggregateState {
    }

    public static class UncreatableState extends AggregateState {
        public UncreatableState(String required) {
        }
    }

    // ---- components

    @Projector
    static class AllParametersProjector {
        @EventHandler
        void on(ProjectorStatus status, Instant timestamp, Pinged event, EventMessage<Pinged> message,
                QueryGateway queries, Metadata metadata, CommandGateway commands) {
        }
    }

    @Projector
    static class BaseProjector {
        @EventHandler
        void on(Pinged event) {
        }
    }

    @Projector
    static class InheritingProjector extends BaseProjector {
        @Override
        @EventHandler
        void on(Pinged event) {
        }

        @EventHandler
        void on(Ponged event) {
        }
    }

    @Projector(version = 4, contexts = {"billing", "shipping"})
    static class ContextProjector {
        @EventHandler
        void on(Pinged event) {
        }
    }

    static class NotAComponent {
        @EventHandler
        void on(Pinged event) {
        }
    }

    @Projector
    @Observer
    static class TwoFaced {
    }

    @Observer
    static class DoubleAnnotatedObserver {
        @EventHandler
        @SagaEventHandler(associationProperty = "id")
        void on(Pinged event) {
        }
    }

    @Projector
    static class QueryingProjector {
        @QueryHandler
        Integer handle(CountPings query) {
            return 0;
        }
    }

    @Service
    static class DomainCommandService {
        @CommandHandler
        void handle(Rename command) {
        }
    }

    @Projector
    static class ReturningProjector {
        @EventHandler
        String on(Pinged event) {
            return "";
        }
    }

    @Aggregate
    static class VoidAggregate {
        @AggregateCommandHandler(init = true)
        void handle(Rename command) {
        }
    }

    @Projection
    static class WrongAnswerProjection {
        @QueryHandler
        String handle(CountPings query) {
            return "";
        }
    }

    @Projection
    static class HiddenViewProjection {
        @QueryHandler
        io.recq.api.Multiple<HiddenView> handle(FindHidden query) {
            return io.recq.api.Multiple.empty();
        }
    }

    @Projection
    static class RawQueryProjection {
        @QueryHandler
        Object handle(RawQuery query) {
            return null;
        }
    }

    @Observer
    static class TwoMetadataObserver {
        @EventHandler
        void on(Pinged event, Metadata first, Metadata second) {
        }
    }

    @Observer
    static class StatusObserver {
        @EventHandler
        void on(Pinged event, ProjectorStatus status) {
        }
    }

    @Service
    static class EnvelopeService {
        @CommandHandler
        void handle(Ping command, EventMessage<Pinged> message) {
        }
    }

    @Aggregate
    static class TwoStatesAggregate {
        @AggregateCommandHandler(init = true)
        Renamed handle(Rename command, RenameState state) {
            return new Renamed(command.id());
        }

        @EventSourcingHandler
        OtherState on(Renamed event) {
            return new OtherState();
        }
    }

    @Saga
    static class StatelessSaga {
        @SagaEventHandler(init = true, associationProperty = "id")
        void on(Pinged event) {
        }
    }

    @Observer
    static class AnyEventObserver {
        @EventHandler
        void on(ServiceEvent event) {
        }
    }

    @Aggregate
    static class UncreatableStateAggregate {
        @AggregateCommandHandler(init = true)
        Renamed handle(Rename command, UncreatableState state) {
            return new Renamed(command.id());
        }
    }

    @Aggregate(snapshotFrequency = 0)
    static class NoSnapshotsAggregate {
        @AggregateCommandHandler(init = true)
        Renamed handle(Rename command) {
            return new Renamed(command.id());
        }
    }

    @Observer(version = 0)
    static class VersionZeroObserver {
        @EventHandler
        void on(Pinged event) {
        }
    }

    @Observer
    static class NegativeRetryObserver {
        @EventHandler(retry = -1)
        void on(Pinged event) {
        }
    }

    @Projector(contexts = {" "})
    static class BlankContextProjector {
        @EventHandler
        void on(Pinged event) {
        }
    }

    @Observer
    static class ManyProblemsObserver {
        @EventHandler
        void noPayload(Metadata metadata) {
        }

        @EventHandler
        private void hidden(Pinged event) {
        }

        @EventHandler
        void unsupported(Ponged event, List<String> extra) {
        }

        @EventHandler
        void again(Ponged event) {
        }

        @EventHandler
        void onceMore(Ponged event, Metadata metadata) {
        }
    }

    @Saga
    static class BeanEventSaga {
        @SagaEventHandler(init = true, associationProperty = "orderId")
        OrderState on(BeanEvent event) {
            return new OrderState();
        }

        @SagaEventHandler(associationProperty = "customer")
        void on(FieldEvent event, OrderState state) {
        }
    }
}
