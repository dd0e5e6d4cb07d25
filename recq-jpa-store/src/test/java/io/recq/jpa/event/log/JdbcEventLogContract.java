package io.recq.jpa.event.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.recq.api.EventLog;
import io.recq.api.Metadata;
import io.recq.cdi.spi.NewEvent;
import io.recq.jpa.StoreDatabase;
import io.recq.jpa.event.JpaEventStore;

/**
 * The behaviour of {@link JdbcEventLog} on a real database; run on H2 and on PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcEventLogContract {

    private final StoreDatabase database;
    private EventLog log;

    JdbcEventLogContract(StoreDatabase.Kind kind) {
        this.database = StoreDatabase.create(kind);
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyStore() {
        database.clear();
        log = new JdbcEventLog(database.dataSource(), 3);
    }

    private void append(String aggregateId, long version, String type, String context, String correlation) {
        NewEvent event = new NewEvent(aggregateId, version, type, "{\"n\":" + version + "}", context,
                Metadata.of(Metadata.CORRELATION_ID, correlation), Instant.now());
        database.inTransaction(em -> new JpaEventStore(em, database.kind().name()).append(List.of(event)));
    }

    private static List<Long> sequences(List<EventLog.Entry> entries) {
        return entries.stream().map(EventLog.Entry::sequence).toList();
    }

    /** Sequences 1 to 6: a1 Opened, b1 Opened, a2 Deposited, b2 Deposited (context "eu"), a3 Deposited, c1. */
    private void story() {
        append("a", 1, "Opened", "default", "x");
        append("b", 1, "Opened", "default", "y");
        append("a", 2, "Deposited", "default", "x");
        append("b", 2, "Deposited", "eu", "y");
        append("a", 3, "Deposited", "default", "z_");
        append("c", 1, "Opened", "default", "x");
    }

    @Test
    void readsTheHeadAndOneEventWithItsJsonAndMetadata() {
        assertThat(log.head()).isZero();
        story();

        assertThat(log.head()).isEqualTo(6);
        assertThat(log.find(3)).hasValueSatisfying(e -> {
            assertThat(e.aggregateId()).isEqualTo("a");
            assertThat(e.aggregateVersion()).isEqualTo(2);
            assertThat(e.eventType()).isEqualTo("Deposited");
            assertThat(e.json()).isEqualTo("{\"n\":2}");
            assertThat(e.metadata().get(Metadata.CORRELATION_ID)).contains("x");
            assertThat(e.storedAt()).isNotNull();
        });
        assertThat(log.find(7)).isEmpty();
    }

    @Test
    void pagesNewestFirstByTypeContextAggregateAndSequence() {
        story();

        assertThat(sequences(log.search(EventLog.Filter.all(), Long.MAX_VALUE, 4))).containsExactly(6L, 5L, 4L, 3L);
        assertThat(sequences(log.search(EventLog.Filter.all(), 3, 4))).containsExactly(2L, 1L);
        assertThat(sequences(log.search(new EventLog.Filter("Deposited", null, null, null, null, null, null),
                Long.MAX_VALUE, 10))).containsExactly(5L, 4L, 3L);
        assertThat(sequences(log.search(new EventLog.Filter(null, "eu", null, null, null, null, null),
                Long.MAX_VALUE, 10))).containsExactly(4L);
        assertThat(sequences(log.search(new EventLog.Filter("Deposited", null, "a", null, null, null, null),
                Long.MAX_VALUE, 10))).containsExactly(5L, 3L);
        assertThat(sequences(log.search(new EventLog.Filter(null, null, null, null, null, 2L, 4L),
                Long.MAX_VALUE, 10))).containsExactly(4L, 3L, 2L);
        assertThat(log.search(EventLog.Filter.all(), Long.MAX_VALUE, 0)).isEmpty();
    }

    @Test
    void findsATimeRangeOnTheSequence() {
        story();
        Instant third = log.find(3).orElseThrow().storedAt();
        Instant fifth = log.find(5).orElseThrow().storedAt();

        List<EventLog.Entry> between = log.search(new EventLog.Filter(null, null, null, third, fifth, null, null),
                Long.MAX_VALUE, 10);

        // from is inclusive, to exclusive; events stored in the same instant as another fall on the same side
        assertThat(sequences(between)).contains(3L).doesNotContain(1L, 5L, 6L);
        assertThat(log.search(new EventLog.Filter(null, null, null, Instant.now().plusSeconds(60), null, null, null),
                Long.MAX_VALUE, 10)).isEmpty();
    }

    @Test
    void readsAnAggregatesHistoryInVersionOrder() {
        story();

        assertThat(log.aggregate("a", 10)).extracting(EventLog.Entry::aggregateVersion).containsExactly(1L, 2L, 3L);
        assertThat(log.aggregate("a", 2)).extracting(EventLog.Entry::sequence).containsExactly(1L, 3L);
        assertThat(log.aggregate("nobody", 10)).isEmpty();
    }

    @Test
    void findsTheCorrelationChainWithinTheWindow() {
        story();

        // window 3: sequences 0 to 6 around 3; "x" is on 1, 3 and 6
        assertThat(sequences(log.correlated(3, 10))).containsExactly(1L, 3L, 6L);
        // a like-pattern character in an id is taken as itself: "z_" is not "x"
        assertThat(sequences(log.correlated(5, 10))).containsExactly(5L);
        // window 3 around 1: up to sequence 4, so 6 is not seen
        assertThat(sequences(log.correlated(1, 10))).containsExactly(1L, 3L);
        assertThat(log.correlated(99, 10)).isEmpty();
    }
}
