package io.recq.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.recq.api.CommandGateway;
import io.recq.api.DomainEvent;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.Metadata;
import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;
import io.recq.api.SagaState;
import io.recq.test.sample.AccountSummary;
import io.recq.test.sample.DepositMoney;
import io.recq.test.sample.FindAccount;
import io.recq.test.sample.MoneyDeposited;
import io.recq.test.sample.MoneyWithdrawn;
import io.recq.test.sample.TransferRequested;
import io.recq.test.sample.TransferSaga;
import io.recq.test.sample.TransferState;
import io.recq.test.sample.WithdrawMoney;

class SagaFixtureTest {

    private static final TransferRequested REQUESTED = new TransferRequested("t-1", "acc-1", "acc-2", 50);

    private final SagaFixture<TransferSaga> testSubject = SagaFixture.of(TransferSaga.class)
            .stubQuery(FindAccount.class, q -> q.accountId().startsWith("acc-")
                    ? new AccountSummary(q.accountId(), "Bob", 0) : null);

    // --- behaviour of the sample saga, as the kit's users write it

    @Test
    void startsATransferByWithdrawingFromTheSource() {
        testSubject.givenNoPriorActivity()
                .whenPublished(REQUESTED)
                .expectCommands(new WithdrawMoney("acc-1", 50, "t-1"))
                .expectActive()
                .expectAssociation("transferId", "t-1")
                .expectState((TransferState transfer) -> {
                    assertThat(transfer.getToAccount()).isEqualTo("acc-2");
                    assertThat(transfer.isWithdrawn()).isFalse();
                });
    }

    @Test
    void endsATransferToAnUnknownAccountWithoutCommands() {
        testSubject.whenPublished(new TransferRequested("t-1", "acc-1", "nobody", 50))
                .expectNoCommands()
                .expectEnded()
                .expectActiveInstances(0);
    }

    @Test
    void depositsIntoTheTargetOnceTheWithdrawalHappened() {
        testSubject.given(REQUESTED)
                .whenPublished(new MoneyWithdrawn("acc-1", 50, "t-1"))
                .expectCommands(new DepositMoney("acc-2", 50, "t-1"))
                .expectActive()
                .expectState((TransferState transfer) -> assertThat(transfer.isWithdrawn()).isTrue());
    }

    @Test
    void endsTheTransferWhenTheMoneyArrived() {
        testSubject.given(REQUESTED, new MoneyWithdrawn("acc-1", 50, "t-1"))
                .whenPublished(new MoneyDeposited("acc-2", 50, "t-1"))
                .expectNoCommands()
                .expectEnded()
                .expectActiveInstances(0);
    }

    @Test
    void anEventReachesOnlyTheInstanceAssociatedWithItsValue() {
        testSubject.given(REQUESTED, new TransferRequested("t-2", "acc-3", "acc-4", 7))
                .whenPublished(new MoneyWithdrawn("acc-3", 7, "t-2"))
                .expectCommands(new DepositMoney("acc-4", 7, "t-2"))
                .expectAssociation("transferId", "t-2")
                .expectActiveInstances(2);
    }

    @Test
    void anEventOfNoTransferReachesNoInstance() {
        testSubject.given(REQUESTED)
                .whenPublished(new MoneyWithdrawn("acc-1", 50, null))
                .expectNoInstanceReached()
                .expectNoCommands()
                .expectActiveInstances(1);
        SagaFixture.of(TransferSaga.class)
                .stubQuery(FindAccount.class, q -> null)
                .given(REQUESTED)
                .whenPublished(new MoneyWithdrawn("acc-1", 50, "t-1"))
                .expectNoInstanceReached();
    }

    // --- gateways as in the server

    @Test
    void aQueryWithoutStubFailsAsWithoutProjection() {
        SagaFixture.of(TransferSaga.class)
                .whenPublished(REQUESTED)
                .expectException(HandlerNotFoundException.class, "RECQ-01002")
                .expectActiveInstances(0);
    }

    @Test
    void commandsCarryTheCorrelationOfTheEvent() {
        SagaResult result = testSubject.given(REQUESTED)
                .whenPublished(new MoneyWithdrawn("acc-1", 50, "t-1"),
                        Metadata.of(Metadata.CORRELATION_ID, "c-42").with("user", "ann"));

        Metadata sent = result.commands().get(0).metadata();
        assertThat(sent.get(Metadata.CORRELATION_ID)).contains("c-42");
        assertThat(sent.get("user")).contains("ann");
        assertThat(sent.get(Metadata.CAUSATION_ID)).isPresent().get().isNotEqualTo("c-42");
    }

    @Test
    void aFailingHandlerSendsNothingAndKeepsTheInstance() {
        SagaResult result = SagaFixture.of(FlakySaga.class)
                .given(new Started("s-2"))
                .whenPublished(new Poked("s-2"))
                .expectException(IllegalStateException.class, "poke failed after sending");

        assertThat(result.commands()).isEmpty();
        assertThatThrownBy(result::expectActive).hasMessageContaining("but " + FlakySaga.class.getName()
                + "#on(Poked, Flaky, CommandGateway) failed with java.lang.IllegalStateException");
    }

    @Test
    void stateIsStoredAsJsonBetweenEvents() {
        assertThatThrownBy(() -> SagaFixture.of(FlakySaga.class).whenPublished(new Started("s-1")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("The saga state left by " + FlakySaga.class.getName()
                        + "#on(Started, Flaky) cannot be stored")
                .hasMessageContaining("RECQ-01003")
                .hasMessageContaining("\"note\":\"started\"");
    }

    // --- failure messages

    @Test
    void commandMismatchShowsExpectedActualAndTheDifferingProperty() {
        SagaResult result = testSubject.given(REQUESTED).whenPublished(new MoneyWithdrawn("acc-1", 50, "t-1"));

        assertThatThrownBy(() -> result.expectCommands(new DepositMoney("acc-2", 60, "t-1")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Unexpected commands from " + TransferSaga.class.getName()
                        + "#on(MoneyWithdrawn, TransferState, CommandGateway)")
                .hasMessageContaining("Expected 1 command:\n  [0] DepositMoney[accountId=acc-2, amount=60, "
                        + "transferId=t-1]")
                .hasMessageContaining("but got 1 command:\n  [0] DepositMoney[accountId=acc-2, amount=50, "
                        + "transferId=t-1]")
                .hasMessageContaining("[0] DepositMoney: amount expected 60 but was 50");
    }

    @Test
    void lifecycleMismatchesSayWhatTheInstanceIs() {
        SagaResult active = testSubject.given(REQUESTED).whenPublished(new MoneyWithdrawn("acc-1", 50, "t-1"));

        assertThatThrownBy(active::expectEnded)
                .hasMessageContaining("Expected the saga instance to end after " + TransferSaga.class.getName()
                        + "#on(MoneyWithdrawn, TransferState, CommandGateway), but it is still active");
        assertThatThrownBy(() -> active.expectAssociation("transferId", "t-9"))
                .hasMessageContaining("but it is associated with transferId=t-1; its associations: {transferId=t-1}");
        assertThatThrownBy(() -> active.expectActiveInstances(3))
                .hasMessageContaining("Expected 3 active saga instances after");
    }

    @Test
    void instanceChecksSayWhenTheEventReachedNone() {
        SagaResult result = testSubject.given(REQUESTED).whenPublished(new MoneyWithdrawn("acc-1", 50, "t-2"));

        assertThatThrownBy(result::expectActive)
                .hasMessageContaining("Expected an active saga instance, but the event reached no saga instance");
    }

    @Test
    void failsFastWithTheDeploymentProblemsOfAnInvalidSaga() {
        assertThatThrownBy(() -> SagaFixture.of(SagaWithoutInit.class))
                .isInstanceOf(InvalidComponentException.class)
                .hasMessageContaining("RECQ-00007")
                .hasMessageContaining("RECQ-00011 " + SagaWithoutInit.class.getName() + "#on(Poked, Flaky)");
    }

    // --- components for the cases above

    public record Started(String sagaId) implements DomainEvent {
    }

    public record Poked(String sagaId) implements DomainEvent {
    }

    /** A saga state whose note has a getter only: it would be lost in the store. */
    public static class Flaky extends SagaState {
        private String note;

        public String getNote() {
            return note;
        }
    }

    @Saga
    public static class FlakySaga {

        @SagaEventHandler(init = true, associationProperty = "sagaId")
        void on(Started event, Flaky state) {
            state.note = event.sagaId().equals("s-1") ? "started" : null;
        }

        @SagaEventHandler(associationProperty = "sagaId")
        void on(Poked event, Flaky state, CommandGateway commands) {
            commands.send(new DepositMoney("acc-1", 1, null));
            throw new IllegalStateException("poke failed after sending");
        }
    }

    @Saga
    public static class SagaWithoutInit {

        @SagaEventHandler(associationProperty = "id")
        void on(Poked event, Flaky state) {
        }
    }
}
