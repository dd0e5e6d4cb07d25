package io.recq.jpa.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.recq.api.Metadata;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.AggregateSnapshot;
import io.recq.cdi.spi.ConcurrentAppendException;
import io.recq.cdi.spi.NewEvent;
import io.recq.cdi.spi.StoredEvent;
import io.recq.jpa.StoreDatabase;

/**
 * The behaviour of {@link JpaEventStore} on a real database; run on H2 and on PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JpaEventStoreContract {

    private final StoreDatabase database;

    JpaEventStoreContract(StoreDatabase.Kind kind) {
        this.database = StoreDatabase.create(kind);
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyStore() {
        database.clear();
    }

    static NewEvent event(String aggregateId, long version) {
        return new NewEvent(aggregateId, version, "TodoAdded", "{\"title\":\"t" + version + "\"}", "default",
                Metadata.of("k", "v"), Instant.now());
    }

    private List<StoredEvent> append(NewEvent... events) {
        return database.inTransaction(em -> new JpaEventStore(em, database.kind().name()).append(List.of(events)));
    }

    @Test
    void appendsThroughThePortableWayAsThroughTheShortOne() {
        // given: the first events through JDBC on the context's connection, the next through JPA alone
        append(event("a", 1));
        database.inTransaction(em -> new JpaEventStore(em).append(List.of(event("a", 2), event("b", 1))));

        // when
        List<StoredEvent> all = database.inTransaction(em -> new JpaEventStore(em).read(1, 100));

        // then
        assertThat(all).extracting(StoredEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(all).extracting(StoredEvent::aggregateVersion).containsExactly(1L, 2L, 1L);
        assertThat(all.get(1).metadata().get("k")).contains("v");
    }

    @Test
    void assignsConsecutiveGlobalSequencesAcrossAggregates() {
        // given
        append(event("a", 1), event("a", 2));

        // when
        List<StoredEvent> stored = append(event("b", 1), event("a", 3));

        // then
        assertThat(stored).extracting(StoredEvent::sequence).containsExactly(3L, 4L);
        List<StoredEvent> all = database.inTransaction(em -> new JpaEventStore(em).read(1, 100));
        assertThat(all).extracting(StoredEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(all).extracting(StoredEvent::aggregateId).containsExactly("a", "a", "b", "a");
    }

    @Test
    void loadsTheEventsOfOneAggregateAfterAVersionInVersionOrder() {
        // given
        append(event("a", 1), event("a", 2));
        append(event("b", 1));
        append(event("a", 3));

        // when
        List<StoredEvent> loaded = database.inTransaction(em -> new JpaEventStore(em).load("a", 1));

        // then
        assertThat(loaded).extracting(StoredEvent::aggregateVersion).containsExactly(2L, 3L);
        assertThat(loaded).extracting(StoredEvent::sequence).containsExactly(2L, 4L);
    }

    @Test
    void keepsPayloadMetadataContextAndTimestampOfEveryEvent() {
        // given
        Instant at = Instant.parse("2026-11-25T10:15:30.123456789Z");
        Metadata metadata = Metadata.of(Metadata.CORRELATION_ID, "c-1").with("tenant", "acme \"quoted\" ü");
        String json = "{\"title\":\"" + "x".repeat(20_000) + "\"}";
        NewEvent event = new NewEvent("a", 1, "TodoAdded", json, "billing", metadata, at);

        // when
        StoredEvent appended = append(event).get(0);
        StoredEvent read = database.inTransaction(em -> new JpaEventStore(em).read(1, 1)).get(0);

        // then
        assertThat(read).isEqualTo(appended);
        assertThat(read.json()).isEqualTo(json);
        assertThat(read.metadata()).isEqualTo(metadata);
        assertThat(read.context()).isEqualTo("billing");
        assertThat(read.timestamp()).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void refusesASecondEventWithTheSameAggregateVersionAndStoresNothingOfThatTransaction() {
        // given
        append(event("a", 1));

        // when / then
        assertThatThrownBy(() -> append(event("b", 1), event("a", 1)))
                .isInstanceOf(ConcurrentAppendException.class)
                .hasMessageContaining(ErrorCode.CONCURRENT_APPEND.code());
        List<StoredEvent> all = database.inTransaction(em -> new JpaEventStore(em).read(1, 100));
        assertThat(all).extracting(StoredEvent::aggregateId).containsExactly("a");
        assertThat(append(event("b", 1)).get(0).sequence()).isEqualTo(2L);
    }

    @Test
    void storesServiceEventsWithoutAggregateIdAndVersionZero() {
        // given
        NewEvent first = new NewEvent(null, 0, "MailSent", "{}", "default", Metadata.empty(), Instant.now());
        NewEvent second = new NewEvent(null, 0, "MailSent", "{}", "default", Metadata.empty(), Instant.now());

        // when
        append(first);
        append(second);

        // then
        List<StoredEvent> all = database.inTransaction(em -> new JpaEventStore(em).read(1, 100));
        assertThat(all).extracting(StoredEvent::sequence).containsExactly(1L, 2L);
        assertThat(all).allSatisfy(e -> {
            assertThat(e.aggregateId()).isNull();
            assertThat(e.aggregateVersion()).isZero();
        });
    }

    @Test
    void reusesTheNumbersOfARolledBackAppend() {
        // given
        append(event("a", 1));
        assertThatThrownBy(() -> database.inTransaction(em -> {
            new JpaEventStore(em).append(List.of(event("b", 1), event("b", 2)));
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        // when
        List<StoredEvent> stored = append(event("c", 1));

        // then
        assertThat(stored.get(0).sequence()).isEqualTo(2L);
    }

    @Test
    void readsAtMostMaxEventsFromASequence() {
        // given
        IntStream.rangeClosed(1, 10).forEach(v -> append(event("a", v)));

        // when
        List<StoredEvent> page = database.inTransaction(em -> new JpaEventStore(em).read(4, 3));

        // then
        assertThat(page).extracting(StoredEvent::sequence).containsExactly(4L, 5L, 6L);
    }

    @Test
    void keepsOnlyTheNewestSnapshotOfAnAggregate() {
        // given
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        database.inTransaction(em -> {
            new JpaEventStore(em).storeSnapshot(new AggregateSnapshot("a", "TodoList", 10, "{\"n\":10}", now));
            return null;
        });

        // when
        database.inTransaction(em -> {
            new JpaEventStore(em).storeSnapshot(new AggregateSnapshot("a", "TodoList", 20, "{\"n\":20}", now));
            new JpaEventStore(em).storeSnapshot(new AggregateSnapshot("b", "TodoList", 5, "{\"n\":5}", now));
            return null;
        });
        database.inTransaction(em -> {
            new JpaEventStore(em).storeSnapshot(new AggregateSnapshot("a", "TodoList", 15, "{\"n\":15}", now));
            return null;
        });

        // then
        Optional<AggregateSnapshot> a = database.inTransaction(em -> new JpaEventStore(em).loadSnapshot("a"));
        Optional<AggregateSnapshot> missing = database.inTransaction(
                em -> new JpaEventStore(em).loadSnapshot("missing"));
        assertThat(a).contains(new AggregateSnapshot("a", "TodoList", 20, "{\"n\":20}", now));
        assertThat(missing).isEmpty();
    }

    @Test
    void appendsEventsOfOneCommandInOneBatchOfConsecutiveNumbers() {
        // given
        List<NewEvent> events = new ArrayList<>();
        for (int v = 1; v <= 120; v++) {
            events.add(event("a", v));
        }

        // when
        List<StoredEvent> stored = database.inTransaction(em -> new JpaEventStore(em).append(events));

        // then
        assertThat(stored).extracting(StoredEvent::sequence)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 120).mapToObj(i -> (long) i).toList());
        List<StoredEvent> loaded = database.inTransaction(em -> new JpaEventStore(em).load("a", 0));
        assertThat(loaded).hasSize(120);
    }

    StoreDatabase database() {
        return database;
    }
}
