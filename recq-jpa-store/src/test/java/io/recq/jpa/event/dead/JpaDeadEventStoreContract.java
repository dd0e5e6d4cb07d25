package io.recq.jpa.event.dead;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.recq.cdi.spi.DeadEvent;
import io.recq.jpa.StoreDatabase;
import io.recq.jpa.event.ConsumerTables;
import io.recq.jpa.schema.StoreSchema;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JpaDeadEventStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final String PROJECTOR = "Projector:TodoListProjector:v1:*";
    private static final String OBSERVER = "Observer:Mailer:v1:*";

    private final StoreDatabase database;

    JpaDeadEventStoreContract(StoreDatabase.Kind kind) {
        this.database = StoreDatabase.create(kind);
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyStore() {
        ConsumerTables.clear(database);
    }

    private DeadEvent add(String consumer, long sequence) {
        return database.inTransaction(em -> new JpaDeadEventStore(em).add(new DeadEvent(0, consumer, sequence,
                "TodoAdded", "com.acme.X#on(TodoAdded)", "java.lang.IllegalStateException", "broken", 4, T0, T0)));
    }

    @Test
    void listsDeadEventsByConsumerOldestEventFirst() {
        // given
        add(PROJECTOR, 9);
        add(PROJECTOR, 3);
        add(OBSERVER, 5);

        // when
        List<DeadEvent> projector = database.inTransaction(em -> new JpaDeadEventStore(em).list(PROJECTOR, 10));
        List<DeadEvent> all = database.inTransaction(em -> new JpaDeadEventStore(em).list(null, 10));

        // then
        assertThat(projector).extracting(DeadEvent::sequence).containsExactly(3L, 9L);
        assertThat(all).extracting(DeadEvent::sequence).containsExactly(3L, 5L, 9L);
        assertThat(projector.get(0).id()).isPositive();
        assertThat(projector.get(0).errorMessage()).isEqualTo("broken");
        assertThat(projector.get(0).attempts()).isEqualTo(4);
    }

    @Test
    void continuesTheIdsOfAStoreWhoseDeadEventsPredateTheirSequence() throws Exception {
        // given: a dead event stored by an earlier version, whose ids came from the column's identity
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO recq_dead_events (id, consumer_id, global_sequence, payload_type, attempts, "
                    + "dead_since, last_attempt) VALUES (41, '" + PROJECTOR + "', 2, 'TodoAdded', 4, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            statement.execute("DROP SEQUENCE recq_dead_event_ids");
        }

        // when: the store starts and completes its schema
        StoreSchema.ensure(database.dataSource());
        DeadEvent added = add(PROJECTOR, 3);

        // then
        assertThat(added.id()).isGreaterThan(41);
        List<DeadEvent> listed = database.inTransaction(em -> new JpaDeadEventStore(em).list(PROJECTOR, 10));
        assertThat(listed).extracting(DeadEvent::id).containsExactly(41L, added.id());
    }

    @Test
    void recordsAFailedRetry() {
        // given
        DeadEvent dead = add(PROJECTOR, 3);

        // when
        database.inTransaction(em -> {
            new JpaDeadEventStore(em).recordAttempt(dead.id(), "java.lang.ArithmeticException", "again",
                    T0.plusSeconds(60));
            return null;
        });

        // then
        Optional<DeadEvent> found = database.inTransaction(em -> new JpaDeadEventStore(em).find(dead.id()));
        assertThat(found).hasValueSatisfying(d -> {
            assertThat(d.attempts()).isEqualTo(5);
            assertThat(d.errorClass()).isEqualTo("java.lang.ArithmeticException");
            assertThat(d.lastAttempt()).isEqualTo(T0.plusSeconds(60));
            assertThat(d.deadSince()).isEqualTo(T0);
        });
    }

    @Test
    void deletesAnEntryAndCountsPerConsumer() {
        // given
        DeadEvent first = add(PROJECTOR, 3);
        add(PROJECTOR, 4);
        add(OBSERVER, 4);

        // when
        boolean deleted = database.inTransaction(em -> new JpaDeadEventStore(em).delete(first.id()));
        boolean deletedAgain = database.inTransaction(em -> new JpaDeadEventStore(em).delete(first.id()));

        // then
        assertThat(deleted).isTrue();
        assertThat(deletedAgain).isFalse();
        Map<String, Long> counts = database.inTransaction(em -> new JpaDeadEventStore(em).countByConsumer());
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(PROJECTOR, 1L, OBSERVER, 1L));
    }

    @Test
    void keepsARetryRequestUntilOneDeploymentClaimsIt() {
        // given
        DeadEvent projector = add(PROJECTOR, 3);
        DeadEvent observer = add(OBSERVER, 5);

        // when
        boolean asked = database.inTransaction(em -> new JpaDeadEventStore(em).requestRetry(projector.id(),
                T0.plusSeconds(1)));
        boolean askedForNothing = database.inTransaction(em -> new JpaDeadEventStore(em).requestRetry(999_999,
                T0.plusSeconds(1)));

        // then: only the consumers a deployment runs see the request, and only one claim takes it
        assertThat(asked).isTrue();
        assertThat(askedForNothing).isFalse();
        List<DeadEvent> observers = database.inTransaction(em -> new JpaDeadEventStore(em)
                .retryRequests(List.of(OBSERVER), 10));
        assertThat(observers).isEmpty();
        List<DeadEvent> both = database.inTransaction(em -> new JpaDeadEventStore(em)
                .retryRequests(List.of(PROJECTOR, OBSERVER), 10));
        assertThat(both).extracting(DeadEvent::id).containsExactly(projector.id());
        boolean first = database.inTransaction(em -> new JpaDeadEventStore(em).claimRetry(projector.id()));
        boolean second = database.inTransaction(em -> new JpaDeadEventStore(em).claimRetry(projector.id()));
        boolean unasked = database.inTransaction(em -> new JpaDeadEventStore(em).claimRetry(observer.id()));
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(unasked).isFalse();
        List<DeadEvent> left = database.inTransaction(em -> new JpaDeadEventStore(em)
                .retryRequests(List.of(PROJECTOR), 10));
        assertThat(left).isEmpty();
    }

    @Test
    void keepsTheStackTraceOfTheLastFailure() {
        // given
        DeadEvent dead = database.inTransaction(em -> new JpaDeadEventStore(em).add(new DeadEvent(0, PROJECTOR, 3,
                "TodoAdded", "com.acme.X#on(TodoAdded)", "java.lang.IllegalStateException", "broken", 4, T0, T0,
                "java.lang.IllegalStateException: broken\n\tat com.acme.X.on(X.java:12)\n")));
        Optional<DeadEvent> added = database.inTransaction(em -> new JpaDeadEventStore(em).find(dead.id()));

        // when
        database.inTransaction(em -> {
            new JpaDeadEventStore(em).recordAttempt(dead.id(), "java.lang.ArithmeticException", "again",
                    "java.lang.ArithmeticException: again\n", T0.plusSeconds(60));
            return null;
        });

        // then
        assertThat(added).hasValueSatisfying(d -> assertThat(d.errorTrace()).contains("X.java:12"));
        Optional<DeadEvent> retried = database.inTransaction(em -> new JpaDeadEventStore(em).find(dead.id()));
        assertThat(retried).hasValueSatisfying(d -> assertThat(d.errorTrace())
                .isEqualTo("java.lang.ArithmeticException: again\n"));
    }
}
