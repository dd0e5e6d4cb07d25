package io.recq.cdi.event.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.recq.api.DomainEvent;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;
import io.recq.api.SagaState;
import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.runtime.HandlerScope;

class SagaEngineTest {

    public record Started(String transferId, String from) implements DomainEvent {
    }

    public record Begun(String orderId) implements DomainEvent {
    }

    public record Debited(String transferId) implements DomainEvent {
    }

    public record Credited(String transferId) implements DomainEvent {
    }

    public static class Transfer extends SagaState {
        private int step;
        private String seenAssociation;

        public int getStep() {
            return step;
        }

        public void setStep(int step) {
            this.step = step;
        }

        public String getSeenAssociation() {
            return seenAssociation;
        }

        public void setSeenAssociation(String seenAssociation) {
            this.seenAssociation = seenAssociation;
        }
    }

    @Saga
    public static class TransferSaga {

        HandlerScope.Frame lastFrame;

        @SagaEventHandler(init = true, associationProperty = "transferId")
        void on(Started event, Transfer state) {
            state.seenAssociation = state.getAssociation("transferId").orElse(null);
            state.setAssociation("from", event.from());
            state.step = 1;
        }

        @SagaEventHandler(init = true, associationProperty = "orderId")
        Transfer on(Begun event, Transfer state) {
            Transfer created = new Transfer();
            created.seenAssociation = String.valueOf(state);
            return created;
        }

        @SagaEventHandler(associationProperty = "transferId")
        void on(Debited event, Transfer state) {
            lastFrame = HandlerScope.current().orElseThrow();
            state.step++;
        }

        @SagaEventHandler(associationProperty = "transferId")
        Transfer on(Credited event, Transfer state) {
            state.setEnded(true);
            return state;
        }
    }

    private final TransferSaga saga = new TransferSaga();
    private final SagaEngine testSubject = new SagaEngine(
            new ComponentIntrospector().inspect(TransferSaga.class).orThrow());

    private SagaState deliver(SagaRoute route, SagaState state, DomainEvent event) throws Exception {
        return testSubject.handle(saga, route, state, "e-1",
                HandlerArguments.of(event).metadata(Metadata.of("k", "v")));
    }

    @Test
    void routesAnEventByTheValueOfItsAssociationProperty() {
        // when
        SagaRoute route = testSubject.route(new Debited("t-1")).orElseThrow();

        // then
        assertThat(route.isInit()).isFalse();
        assertThat(route.property()).isEqualTo("transferId");
        assertThat(route.value()).isEqualTo("t-1");
        assertThat(testSubject.route(new DomainEvent() { })).isEmpty();
    }

    @Test
    void startsAnInstanceWithAFreshAssociatedStateForAVoidInitHandler() throws Exception {
        // given
        Started event = new Started("t-1", "acc-1");

        // when
        Transfer state = (Transfer) deliver(testSubject.route(event).orElseThrow(), null, event);

        // then
        assertThat(state.getStep()).isEqualTo(1);
        assertThat(state.getSeenAssociation()).isEqualTo("t-1");
        assertThat(state.getAssociations()).containsEntry("transferId", "t-1").containsEntry("from", "acc-1");
    }

    @Test
    void passesNoStateToAnInitHandlerThatReturnsItAndAssociatesTheResult() throws Exception {
        // given
        Begun event = new Begun("o-9");

        // when
        Transfer state = (Transfer) deliver(testSubject.route(event).orElseThrow(), null, event);

        // then
        assertThat(state.getSeenAssociation()).isEqualTo("null");
        assertThat(state.getAssociation("orderId")).contains("o-9");
    }

    @Test
    void reachesOnlyInstancesAssociatedWithTheEventsValue() throws Exception {
        // given
        Started started = new Started("t-1", "acc-1");
        SagaState instance = deliver(testSubject.route(started).orElseThrow(), null, started);

        // then
        assertThat(testSubject.route(new Debited("t-1")).orElseThrow().matches(instance)).isTrue();
        assertThat(testSubject.route(new Debited("t-2")).orElseThrow().matches(instance)).isFalse();
        assertThat(testSubject.route(new Debited(null)).orElseThrow().matches(instance)).isFalse();
    }

    @Test
    void runsHandlersInASagaScopeAndReportsTheEnd() throws Exception {
        // given
        Started started = new Started("t-1", "acc-1");
        SagaState instance = deliver(testSubject.route(started).orElseThrow(), null, started);

        // when
        SagaState debited = deliver(testSubject.route(new Debited("t-1")).orElseThrow(), instance,
                new Debited("t-1"));
        SagaState credited = deliver(testSubject.route(new Credited("t-1")).orElseThrow(), debited,
                new Credited("t-1"));

        // then
        assertThat(((Transfer) debited).getStep()).isEqualTo(2);
        assertThat(saga.lastFrame.kind()).isEqualTo(ComponentKind.SAGA);
        assertThat(saga.lastFrame.messageId()).isEqualTo("e-1");
        assertThat(saga.lastFrame.metadata()).isEqualTo(Metadata.of("k", "v"));
        assertThat(credited.isEnded()).isTrue();
    }

    @Test
    void refusesToStartAnInstanceForAnEventWithoutAssociationValue() {
        // given
        Started event = new Started(null, "acc-1");

        // then
        assertThatThrownBy(() -> deliver(testSubject.route(event).orElseThrow(), null, event))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ")
                .hasMessageContaining("'transferId'");
    }
}
