package io.recq.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.recq.api.Aggregate;
import io.recq.api.AggregateAlreadyInitializedException;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.AggregateDeletedException;
import io.recq.api.AggregateNotInitializedException;
import io.recq.api.AggregateState;
import io.recq.api.Command;
import io.recq.api.CommandGateway;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.EventSourcingHandler;
import io.recq.api.ForbiddenMessageException;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.api.Query;
import io.recq.api.QueryGateway;
import io.recq.api.Single;
import io.recq.test.sample.AccountClosed;
import io.recq.test.sample.AccountOpened;
import io.recq.test.sample.BankAccount;
import io.recq.test.sample.BankAccountAggregate;
import io.recq.test.sample.CloseAccount;
import io.recq.test.sample.DepositMoney;
import io.recq.test.sample.InsufficientFundsException;
import io.recq.test.sample.MoneyDeposited;
import io.recq.test.sample.MoneyWithdrawn;
import io.recq.test.sample.OpenAccount;
import io.recq.test.sample.TransferSaga;
import io.recq.test.sample.WithdrawMoney;

class AggregateFixtureTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    private static final AccountOpened OPENED = new AccountOpened("acc-1", "Ann", 0, NOW);

    private final AggregateFixture<BankAccountAggregate> testSubject = AggregateFixture.of(BankAccountAggregate.class)
            .withClock(Clock.fixed(NOW, ZoneOffset.UTC));

    // --- behaviour of the sample aggregate, as the kit's users write it

    @Test
    void opensAnAccountWithAFreshState() {
        testSubject.givenNoPriorActivity()
                .when(new OpenAccount("acc-1", "Ann", 100))
                .expectEvents(new AccountOpened("acc-1", "Ann", 100, NOW))
                .expectState((BankAccount account) -> {
                    assertThat(account.getOwner()).isEqualTo("Ann");
                    assertThat(account.getOverdraftLimit()).isEqualTo(100);
                    assertThat(account.getBalance()).isZero();
                })
                .expectNoCommands();
    }

    @Test
    void depositsOntoTheReplayedBalance() {
        testSubject.given(OPENED, new MoneyDeposited("acc-1", 40, null))
                .when(new DepositMoney("acc-1", 2, null))
                .expectEvents(new MoneyDeposited("acc-1", 2, null))
                .expectState((BankAccount account) -> assertThat(account.getBalance()).isEqualTo(42));
    }

    @Test
    void appliesEveryReturnedEventInOrder() {
        AggregateResult result = testSubject.given(OPENED, new MoneyDeposited("acc-1", 30, null))
                .when(new CloseAccount("acc-1"))
                .expectEvents(new MoneyWithdrawn("acc-1", 30, null), new AccountClosed("acc-1"))
                .expectState((BankAccount account) -> {
                    assertThat(account.getBalance()).isZero();
                    assertThat(account.isDeleted()).isTrue();
                });

        assertThat(result.events()).hasSize(2);
        assertThat(result.exception()).isEmpty();
    }

    @Test
    void buildsTheHistoryFromGivenCommands() {
        testSubject.givenCommands(new OpenAccount("acc-1", "Ann", 0), new DepositMoney("acc-1", 10, null))
                .when(new WithdrawMoney("acc-1", 10, null))
                .expectEvents(new MoneyWithdrawn("acc-1", 10, null))
                .expectState((BankAccount account) -> assertThat(account.getBalance()).isZero());
    }

    @Test
    void aFailingHandlerLeavesNoEvents() {
        AggregateResult result = testSubject.given(OPENED, new MoneyDeposited("acc-1", 20, null))
                .when(new WithdrawMoney("acc-1", 50, null))
                .expectException(InsufficientFundsException.class, "may not withdraw 50");

        assertThat(result.events()).isEmpty();
        assertThat(result.<BankAccount>state().getBalance()).isEqualTo(20);
    }

    // --- lifecycle, identical to the server

    @Test
    void rejectsSecondInitOnSameAggregate() {
        testSubject.given(OPENED)
                .when(new OpenAccount("acc-1", "Bob", 0))
                .expectException(AggregateAlreadyInitializedException.class, "RECQ-01006");
    }

    @Test
    void rejectsCommandOnMissingAggregate() {
        testSubject.givenNoPriorActivity()
                .when(new DepositMoney("acc-1", 5, null))
                .expectException(AggregateNotInitializedException.class, "RECQ-01005");
    }

    @Test
    void rejectsEveryCommandOnDeletedAggregate() {
        AggregateFixture.of(BankAccountAggregate.class)
                .given(OPENED, new AccountClosed("acc-1"))
                .when(new DepositMoney("acc-1", 5, null))
                .expectException(AggregateDeletedException.class, "RECQ-01007");
        AggregateFixture.of(BankAccountAggregate.class)
                .given(OPENED, new AccountClosed("acc-1"))
                .when(new OpenAccount("acc-1", "Ann", 0))
                .expectException(AggregateDeletedException.class, "RECQ-01007");
    }

    @Test
    void rejectsACommandWithoutAggregateIdAsTheGatewayDoes() {
        testSubject.when(new DepositMoney(" ", 5, null))
                .expectException(InvalidPayloadException.class, "RECQ-01003");
    }

    // --- failure messages

    @Test
    void eventMismatchShowsExpectedActualAndTheDifferingProperty() {
        AggregateResult result = testSubject.given(OPENED).when(new DepositMoney("acc-1", 50, null));

        assertThatThrownBy(() -> result.expectEvents(new MoneyDeposited("acc-1", 100, null)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Unexpected events from " + BankAccountAggregate.class.getName()
                        + "#deposit(DepositMoney, BankAccount)")
                .hasMessageContaining("Expected 1 event:\n  [0] MoneyDeposited[accountId=acc-1, amount=100, "
                        + "transferId=null]")
                .hasMessageContaining("but got 1 event:\n  [0] MoneyDeposited[accountId=acc-1, amount=50, "
                        + "transferId=null]")
                .hasMessageContaining("[0] MoneyDeposited: amount expected 100 but was 50");
    }

    @Test
    void eventCountMismatchNamesTheMissingAndTheUnexpectedEvents() {
        AggregateResult result = testSubject.given(OPENED, new MoneyDeposited("acc-1", 5, null))
                .when(new CloseAccount("acc-1"));

        assertThatThrownBy(() -> result.expectEvents(new AccountClosed("acc-1")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[0] expected AccountClosed[accountId=acc-1] but was MoneyWithdrawn")
                .hasMessageContaining("[1] unexpected AccountClosed[accountId=acc-1]");
        assertThatThrownBy(() -> result.expectEvents(new MoneyWithdrawn("acc-1", 5, null),
                new AccountClosed("acc-1"), new AccountClosed("acc-1")))
                .hasMessageContaining("[2] expected AccountClosed[accountId=acc-1] but there was no event");
        assertThatThrownBy(result::expectNoEvents)
                .hasMessageContaining("Expected no events\nbut got 2 events:");
    }

    @Test
    void expectingEventsOfAFailedCommandShowsTheFailure() {
        AggregateResult result = testSubject.given(OPENED).when(new WithdrawMoney("acc-1", 1, null));

        assertThatThrownBy(() -> result.expectEvents(new MoneyWithdrawn("acc-1", 1, null)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected 1 event:\n  [0] MoneyWithdrawn[accountId=acc-1, amount=1, "
                        + "transferId=null]\nbut " + BankAccountAggregate.class.getName() + "#withdraw(")
                .hasMessageContaining("failed with " + InsufficientFundsException.class.getName()
                        + ": Account acc-1 has 0 and may not withdraw 1")
                .hasCauseInstanceOf(InsufficientFundsException.class);
        assertThatThrownBy(() -> result.expectState(state -> { }))
                .hasMessageContaining("Expected a state to check, but");
    }

    @Test
    void expectingAnExceptionOfASuccessfulCommandShowsTheEvents() {
        AggregateResult result = testSubject.given(OPENED).when(new DepositMoney("acc-1", 1, null));

        assertThatThrownBy(() -> result.expectException(InsufficientFundsException.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to fail with " + InsufficientFundsException.class.getName())
                .hasMessageContaining("but it succeeded with 1 event:\n  [0] MoneyDeposited[");
    }

    @Test
    void expectingAnotherExceptionShowsTheActualOneAndItsMessage() {
        AggregateResult result = testSubject.given(OPENED).when(new OpenAccount("acc-1", "Ann", 0));

        assertThatThrownBy(() -> result.expectException(AggregateDeletedException.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it failed with " + AggregateAlreadyInitializedException.class.getName()
                        + ": RECQ-01006");
        assertThatThrownBy(() -> result.expectException(AggregateAlreadyInitializedException.class, "RECQ-01005"))
                .hasMessageContaining("with a message containing \"RECQ-01005\", but the message was: RECQ-01006");
    }

    // --- same component checks, payload and state serialisation, gateways as in the server

    @Test
    void failsFastWithTheDeploymentProblemsOfAnInvalidAggregate() {
        assertThatThrownBy(() -> AggregateFixture.of(AggregateWithoutInit.class))
                .isInstanceOf(InvalidComponentException.class)
                .hasMessageContaining(AggregateWithoutInit.class.getName() + " would fail the deployment")
                .hasMessageContaining("RECQ-00006")
                .hasMessageContaining("RECQ-00002 " + AggregateWithoutInit.class.getName() + "#deposit(DepositMoney, "
                        + "String)")
                .satisfies(e -> assertThat(((InvalidComponentException) e).codes())
                        .containsExactlyInAnyOrder("RECQ-00002", "RECQ-00006"));
    }

    @Test
    void refusesAComponentOfAnotherKind() {
        assertThatThrownBy(() -> AggregateFixture.of(TransferSaga.class))
                .isInstanceOf(InvalidComponentException.class)
                .hasMessageContaining("is an @Saga, but AggregateFixture tests an @Aggregate. Fix: use SagaFixture");
    }

    @Test
    void aCommandThatCannotBeReadFromJsonFailsAsOnTheWire() {
        AggregateFixture.of(LabelledAggregate.class)
                .withoutSnapshotRoundTrip()
                .given(new Labelled("l-1", "first"))
                .when(new Relabel("l-1", new Text("second")))
                .expectException(InvalidPayloadException.class, "RECQ-01003");
    }

    @Test
    void stateThatLosesAPropertyInASnapshotFailsTheTest() {
        assertThatThrownBy(() -> AggregateFixture.of(LabelledAggregate.class)
                .given(new Labelled("l-1", "first"))
                .when(new Touch("l-1")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("The state of LabelledAggregate after the given history does not survive a "
                        + "snapshot")
                .hasMessageContaining("RECQ-01003")
                .hasMessageContaining("\"label\":\"first\"");
    }

    @Test
    void snapshotRoundTripCanBeTurnedOffForStateThatIsNeverStored() {
        AggregateFixture.of(LabelledAggregate.class)
                .withoutSnapshotRoundTrip()
                .given(new Labelled("l-1", "first"))
                .when(new Touch("l-1"))
                .expectEvents(new Touched("l-1", "first"));
    }

    @Test
    void recordsTheCommandsAnAggregateSendsWithCorrelation() {
        AggregateResult result = AggregateFixture.of(LabelledAggregate.class)
                .withoutSnapshotRoundTrip()
                .given(new Labelled("l-1", "first"))
                .when(new Notify("l-1"), Metadata.of(Metadata.CORRELATION_ID, "c-7").with("user", "ann"))
                .expectEvents(new Touched("l-1", "first"))
                .expectCommands(new DepositMoney("acc-9", 1, "l-1"));

        Metadata sent = result.commands().get(0).metadata();
        assertThat(sent.get(Metadata.CORRELATION_ID)).contains("c-7");
        assertThat(sent.get("user")).contains("ann");
        assertThat(sent.get(Metadata.CAUSATION_ID)).isPresent();
    }

    @Test
    void refusesAQueryFromAnAggregateAsTheServerDoes() {
        AggregateFixture.of(LabelledAggregate.class)
                .withoutSnapshotRoundTrip()
                .given(new Labelled("l-1", "first"))
                .when(new Ask("l-1"))
                .expectException(ForbiddenMessageException.class, "RECQ-01001");
    }

    @Test
    void injectsItsRecordingGatewayIntoInjectFields() {
        AggregateFixture.of(InjectedAggregate.class)
                .givenNoPriorActivity()
                .when(new Open("l-1", "first"))
                .expectEvents(new Labelled("l-1", "first"))
                .expectCommands(new DepositMoney("acc-1", 1, "l-1"));
    }

    @Test
    void usesTheInstanceATestCreates() {
        InjectedAggregate aggregate = new InjectedAggregate();
        aggregate.commands = new RefusingGateway();

        AggregateFixture.of(InjectedAggregate.class, () -> aggregate)
                .when(new Open("l-1", "first"))
                .expectException(IllegalStateException.class, "test double refuses");
    }

    @Test
    void aFixtureHandlesOneCommand() {
        testSubject.when(new OpenAccount("acc-1", "Ann", 0));

        assertThatThrownBy(() -> testSubject.when(new OpenAccount("acc-2", "Ann", 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("create a new fixture");
    }

    // --- components for the cases above

    static class RefusingGateway implements CommandGateway {
        @Override
        public <R> CompletableFuture<R> send(Command command) {
            throw new IllegalStateException("test double refuses " + command);
        }

        @Override
        public <R> CompletableFuture<R> send(Command command, Metadata metadata) {
            return send(command);
        }

        @Override
        public <R> CompletableFuture<R> send(Command command, Metadata metadata, Duration timeout) {
            return send(command);
        }

        @Override
        public <R> R sendAndWait(Command command) {
            return this.<R>send(command).join();
        }

        @Override
        public <R> R sendAndWait(Command command, Metadata metadata, Duration timeout) {
            return sendAndWait(command);
        }
    }

    @Aggregate
    public static class InjectedAggregate {

        @jakarta.inject.Inject
        CommandGateway commands;

        @AggregateCommandHandler(init = true)
        Labelled open(Open command) {
            commands.send(new DepositMoney("acc-1", 1, command.aggregateId()));
            return new Labelled(command.aggregateId(), command.label());
        }
    }

    @Aggregate
    public static class AggregateWithoutInit {
        @AggregateCommandHandler
        MoneyDeposited deposit(DepositMoney command, String unsupported) {
            return null;
        }
    }

    public interface Label {
    }

    public record Text(String value) implements Label {
    }

    public record Relabel(String aggregateId, Label label) implements DomainCommand {
    }

    public record Touch(String aggregateId) implements DomainCommand {
    }

    public record Notify(String aggregateId) implements DomainCommand {
    }

    public record Ask(String aggregateId) implements DomainCommand {
    }

    public record Open(String aggregateId, String label) implements DomainCommand {
    }

    public record Labelled(String aggregateId, String label) implements DomainEvent {
    }

    public record Touched(String aggregateId, String label) implements DomainEvent {
    }

    public record CountLabels(String prefix) implements Query<Single<Integer>> {
    }

    /** A state whose label has a getter but no setter: it is written to a snapshot but never read back. */
    public static class LabelState extends AggregateState {
        private String label;

        public String getLabel() {
            return label;
        }
    }

    @Aggregate
    public static class LabelledAggregate {

        @AggregateCommandHandler(init = true)
        Labelled open(Open command) {
            return new Labelled(command.aggregateId(), command.label());
        }

        @AggregateCommandHandler
        List<DomainEvent> relabel(Relabel command, LabelState state) {
            return List.of();
        }

        @AggregateCommandHandler
        Touched touch(Touch command, LabelState state) {
            return new Touched(command.aggregateId(), state.getLabel());
        }

        @AggregateCommandHandler
        Touched notify(Notify command, LabelState state, CommandGateway commands) {
            commands.send(new DepositMoney("acc-9", 1, command.aggregateId()));
            return new Touched(command.aggregateId(), state.getLabel());
        }

        @AggregateCommandHandler
        Touched ask(Ask command, LabelState state, QueryGateway queries) {
            queries.queryAndWait(new CountLabels("x"));
            return new Touched(command.aggregateId(), state.getLabel());
        }

        @EventSourcingHandler
        void on(Labelled event, LabelState state) {
            state.label = event.label();
        }
    }
}
