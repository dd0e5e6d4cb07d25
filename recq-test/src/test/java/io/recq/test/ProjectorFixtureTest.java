package io.recq.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.PersistenceContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.recq.api.CommandGateway;
import io.recq.api.DomainEvent;
import io.recq.api.EventHandler;
import io.recq.api.ForbiddenMessageException;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.api.Multiple;
import io.recq.api.Projection;
import io.recq.api.Projector;
import io.recq.api.Query;
import io.recq.api.QueryHandler;
import io.recq.test.sample.AccountClosed;
import io.recq.test.sample.AccountOpened;
import io.recq.test.sample.AccountSummary;
import io.recq.test.sample.AccountView;
import io.recq.test.sample.AccountsProjection;
import io.recq.test.sample.AccountsProjector;
import io.recq.test.sample.DepositMoney;
import io.recq.test.sample.FindAccount;
import io.recq.test.sample.ListAccounts;
import io.recq.test.sample.MoneyDeposited;
import io.recq.test.sample.MoneyWithdrawn;

class ProjectorFixtureTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final ProjectorFixture<AccountsProjector> testSubject = ProjectorFixture.of(AccountsProjector.class)
            .withEntities(AccountView.class)
            .withProjection(AccountsProjection.class);

    @AfterEach
    void dropTheReadModel() {
        testSubject.close();
    }

    // --- the sample projector and projection tested together, as the kit's users write it

    @Test
    void projectsAccountsAndAnswersQueries() {
        testSubject.given(new AccountOpened("acc-1", "Ann", 0, T0), new MoneyDeposited("acc-1", 100, null),
                        new MoneyWithdrawn("acc-1", 30, null))
                .expectAnswer(new FindAccount("acc-1"), new AccountSummary("acc-1", "Ann", 70))
                .expectAnswer(new FindAccount("acc-2"), null);
    }

    @Test
    void answersListsInTheProjectionsOrder() {
        testSubject.given(new AccountOpened("acc-2", "Ann", 0, T0), new AccountOpened("acc-1", "Ann", 0, T0),
                        new AccountOpened("acc-3", "Bob", 0, T0), new MoneyDeposited("acc-2", 5, null))
                .expectAnswer(new ListAccounts("Ann"), Multiple.of(List.of(new AccountSummary("acc-1", "Ann", 0),
                        new AccountSummary("acc-2", "Ann", 5))));

        Multiple<AccountSummary> bobs = testSubject.query(new ListAccounts("Bob"));
        assertThat(bobs.data()).extracting(AccountSummary::accountId).containsExactly("acc-3");
    }

    @Test
    void removesWhatTheProjectorDeletes() {
        testSubject.given(new AccountOpened("acc-1", "Ann", 0, T0), new AccountClosed("acc-1"))
                .expectAnswer(new ListAccounts("Ann"), Multiple.empty());
    }

    @Test
    void numbersEventsLikeTheEventStore() {
        testSubject.given(new AccountOpened("acc-9", "Zoe", 0, T0))
                .givenAggregateEvents("acc-1", new AccountOpened("acc-1", "Ann", 0, T0),
                        new MoneyDeposited("acc-1", 1, null), new MoneyDeposited("acc-1", 2, null));

        AccountView view = testSubject.inTransaction(em -> em.find(AccountView.class, "acc-1"));
        assertThat(view.getLastSequence()).isEqualTo(4);
        assertThat(view.getVersion()).isEqualTo(3);
    }

    @Test
    void tellsTheProjectorWhetherItIsReplaying() {
        testSubject.given(new AccountOpened("acc-1", "Ann", 0, T0), new MoneyDeposited("acc-1", 1, null));
        assertThat(testSubject.projector().liveEvents()).isEqualTo(2);

        try (ProjectorFixture<AccountsProjector> replay = ProjectorFixture.of(AccountsProjector.class)
                .withEntities(AccountView.class).replaying()) {
            replay.given(new AccountOpened("acc-1", "Ann", 0, T0), new MoneyDeposited("acc-1", 1, null));
            assertThat(replay.projector().liveEvents()).isZero();
        }
    }

    // --- transactions and the container-managed EntityManager

    @Test
    void rollsBackOnlyTheFailingEvent() {
        try (ProjectorFixture<AuditProjector> fixture = ProjectorFixture.of(AuditProjector.class)
                .withEntities(AuditRow.class)) {
            fixture.given(new Noted("a"), new Noted("b"));

            assertThatThrownBy(() -> fixture.given(new Noted("boom")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(AuditProjector.class.getName() + "#on(Noted, Metadata) failed on event #3 "
                            + "Noted[text=boom] (its changes were rolled back)")
                    .hasCauseInstanceOf(IllegalStateException.class);
            List<String> texts = fixture.inTransaction(em -> em.createQuery(
                    "select r.text from AuditRow r order by r.id", String.class).getResultList());
            assertThat(texts).containsExactly("a", "b");
        }
    }

    @Test
    void passesTheEventsMetadata() {
        try (ProjectorFixture<AuditProjector> fixture = ProjectorFixture.of(AuditProjector.class)
                .withEntities(AuditRow.class)) {
            fixture.given(Metadata.of("user", "ann"), new Noted("a"));

            String author = fixture.inTransaction(em -> em.createQuery("select r.author from AuditRow r",
                    String.class).getSingleResult());
            assertThat(author).isEqualTo("ann");
        }
    }

    @Test
    void theEntityManagerBehavesAsContainerManaged() {
        assertThatThrownBy(() -> testSubject.inTransaction(em -> {
            em.close();
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be closed");
        assertThatThrownBy(() -> testSubject.inTransaction(EntityManager::getTransaction))
                .isInstanceOf(IllegalStateException.class);
        EntityManager outside = testSubject.inTransaction(em -> em);
        assertThatThrownBy(() -> outside.find(AccountView.class, "acc-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside a handler call");
    }

    @Test
    void createsComponentsWithAFactory() {
        try (ProjectorFixture<AccountsProjector> fixture = ProjectorFixture.of(AccountsProjector.class, em -> {
            AccountsProjector projector = new AccountsProjector();
            projector.setEntityManager(em);
            return projector;
        }).withEntities(AccountView.class).withProjection(AccountsProjection.class, AccountsProjection::new)) {
            fixture.given(new AccountOpened("acc-1", "Ann", 0, T0))
                    .expectAnswer(new FindAccount("acc-1"), new AccountSummary("acc-1", "Ann", 0));
        }
    }

    // --- capability table, serialisation and failures as in the server

    @Test
    void refusesACommandFromAProjectorAsTheServerDoes() {
        try (ProjectorFixture<CommandingProjector> fixture = ProjectorFixture.of(CommandingProjector.class)) {
            assertThatThrownBy(() -> fixture.given(new Noted("a")))
                    .isInstanceOf(AssertionError.class)
                    .cause().isInstanceOf(ForbiddenMessageException.class).hasMessageStartingWith("RECQ-01001 "
                            + CommandingProjector.class.getName() + "#on(Noted, CommandGateway): an @Projector may "
                            + "not send commands");
        }
    }

    @Test
    void anAnswerThatCannotBeReadFromJsonFailsAsOnTheWire() {
        try (ProjectorFixture<AuditProjector> fixture = ProjectorFixture.of(AuditProjector.class)
                .withEntities(AuditRow.class).withProjection(PagingProjection.class)) {
            assertThatThrownBy(() -> fixture.query(new FirstNote()))
                    .isInstanceOf(InvalidPayloadException.class)
                    .hasMessageStartingWith("RECQ-01003 ")
                    .hasMessageContaining("Page<java.lang.String> cannot be read from its JSON");
        }
    }

    @Test
    void aQueryNoProjectionHandlesIsNotFound() {
        try (ProjectorFixture<AuditProjector> fixture = ProjectorFixture.of(AuditProjector.class)
                .withEntities(AuditRow.class)) {
            assertThatThrownBy(() -> fixture.query(new FindAccount("acc-1")))
                    .isInstanceOf(HandlerNotFoundException.class)
                    .hasMessageContaining("RECQ-01002").hasMessageContaining(".withProjection(");
        }
    }

    @Test
    void answerMismatchShowsTheItemsThatDiffer() {
        testSubject.given(new AccountOpened("acc-1", "Ann", 0, T0), new MoneyDeposited("acc-1", 10, null),
                new AccountOpened("acc-2", "Ann", 0, T0));

        assertThatThrownBy(() -> testSubject.expectAnswer(new ListAccounts("Ann"),
                Multiple.of(List.of(new AccountSummary("acc-1", "Ann", 12)))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Unexpected answer from " + AccountsProjection.class.getName()
                        + "#list(ListAccounts) to ListAccounts[owner=Ann]")
                .hasMessageContaining("Expected 1 item:\n  [0] AccountSummary[accountId=acc-1, owner=Ann, balance=12]")
                .hasMessageContaining("but got 2 items:")
                .hasMessageContaining("[0] AccountSummary: balance expected 12 but was 10")
                .hasMessageContaining("[1] unexpected AccountSummary[accountId=acc-2, owner=Ann, balance=0]");
        assertThatThrownBy(() -> testSubject.expectAnswer(new FindAccount("acc-1"),
                new AccountSummary("acc-1", "Bob", 10)))
                .hasMessageContaining("Difference: AccountSummary: owner expected \"Bob\" but was \"Ann\"");
    }

    @Test
    void failsFastOnInjectionPointsItCannotSupply() {
        assertThatThrownBy(() -> ProjectorFixture.of(NeedyProjector.class).given(new Noted("a")))
                .isInstanceOf(InvalidComponentException.class)
                .hasMessageContaining("field " + NeedyProjector.class.getName() + "#clock of type java.time.Clock")
                .hasMessageContaining("Fix: create the instance yourself with ProjectorFixture.of(NeedyProjector"
                        + ".class, ...)");
    }

    @Test
    void failsFastOnAnInvalidProjectorOrProjection() {
        assertThatThrownBy(() -> ProjectorFixture.of(AccountsProjection.class))
                .isInstanceOf(InvalidComponentException.class)
                .hasMessageContaining("is an @Projection, but ProjectorFixture tests an @Projector");
        assertThatThrownBy(() -> testSubject.withEntities(DepositMoney.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a JPA entity");
    }

    @Test
    void refusesConfigurationOnceStarted() {
        testSubject.given(new AccountOpened("acc-1", "Ann", 0, T0));

        assertThatThrownBy(() -> testSubject.withEntities(AuditRow.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before the first given");
    }

    // --- components for the cases above

    public record Noted(String text) implements DomainEvent {
    }

    public record FirstNote() implements Query<Page<String>> {
    }

    /** A generic record: Yasson 3.0.4 writes it but cannot read it back. */
    public record Page<V>(V first) {
    }

    @Entity(name = "AuditRow")
    public static class AuditRow {
        @Id
        @GeneratedValue
        Long id;
        String text;
        String author;
    }

    @Projector
    public static class AuditProjector {

        @Inject
        EntityManager em;

        @EventHandler
        void on(Noted event, Metadata metadata) {
            AuditRow row = new AuditRow();
            row.text = event.text();
            row.author = metadata.get("user").orElse(null);
            em.persist(row);
            em.flush();
            if (event.text().equals("boom")) {
                throw new IllegalStateException("cannot note " + event.text());
            }
        }
    }

    @Projection
    public static class PagingProjection {

        @PersistenceContext
        EntityManager em;

        @QueryHandler
        Page<String> first(FirstNote query) {
            return new Page<>("a");
        }
    }

    @Projector
    public static class CommandingProjector {

        @EventHandler
        void on(Noted event, CommandGateway commands) {
            commands.sendAndWait(new DepositMoney("acc-1", 1, null));
        }
    }

    @Projector
    public static class NeedyProjector {

        @Inject
        java.time.Clock clock;

        @EventHandler
        void on(Noted event) {
        }
    }
}
