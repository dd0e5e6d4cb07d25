package io.recq.jpa.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.recq.api.Metadata;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.ConcurrentAppendException;
import io.recq.cdi.spi.IdempotencyRecord;
import io.recq.cdi.spi.NewEvent;
import io.recq.cdi.spi.StoredEvent;
import io.recq.jpa.StoreDatabase;
import io.recq.jpa.event.JpaEventStore;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JpaIdempotencyStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    private final StoreDatabase database;

    JpaIdempotencyStoreContract(StoreDatabase.Kind kind) {
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

    private void record(String key, Instant at) {
        database.inTransaction(em -> {
            new JpaIdempotencyStore(em, database.kind().name()).record(new IdempotencyRecord(key, "Deposit",
                    "Deposited", "{\"n\":1}", at));
            return null;
        });
    }

    private Optional<IdempotencyRecord> find(String key, Instant notBefore) {
        return database.inTransaction(em -> new JpaIdempotencyStore(em).find(key, notBefore));
    }

    @Test
    void findsTheResultRecordedForAKey() {
        // given
        record("k-1", T0);

        // when
        Optional<IdempotencyRecord> found = find("k-1", T0.minus(1, ChronoUnit.HOURS));

        // then
        assertThat(found).contains(new IdempotencyRecord("k-1", "Deposit", "Deposited", "{\"n\":1}", T0));
        assertThat(find("k-2", T0.minus(1, ChronoUnit.HOURS))).isEmpty();
    }

    @Test
    void refusesASecondRecordOfTheSameKeyWrittenThePortableWayWhenItsCommandAppendsItsEvents() {
        // given
        record("k-1", T0);

        // when / then: the record goes out with the events' append, which fails on its key
        assertThatThrownBy(() -> database.inTransaction(em -> {
            new JpaIdempotencyStore(em).record(new IdempotencyRecord("k-1", "Deposit", "Deposited", "{\"n\":2}",
                    T0.plusSeconds(1)));
            return new JpaEventStore(em, database.kind().name()).append(List.of(new NewEvent("a-1", 1, "Deposited",
                    "{\"n\":2}", "default", Metadata.empty(), T0.plusSeconds(1))));
        })).isInstanceOf(ConcurrentAppendException.class)
                .hasMessageContaining(ErrorCode.CONCURRENT_APPEND.code());
        List<StoredEvent> stored = database.inTransaction(em -> new JpaEventStore(em).read(1, 10));
        assertThat(stored).isEmpty();
    }

    @Test
    void refusesASecondRecordOfTheSameKeyAtOnce() {
        // given
        record("k-1", T0);

        // when / then
        assertThatThrownBy(() -> record("k-1", T0.plusSeconds(1)))
                .isInstanceOf(ConcurrentAppendException.class)
                .hasMessageContaining(ErrorCode.CONCURRENT_APPEND.code());
        assertThat(find("k-1", T0.minus(1, ChronoUnit.HOURS)).orElseThrow().recordedAt()).isEqualTo(T0);
    }

    @Test
    void refusesASecondRecordOfTheSameKeyWrittenThePortableWayAtTheCommitOfACommandWithoutEvents() {
        // given
        record("k-1", T0);

        // when / then
        assertThatThrownBy(() -> database.inTransaction(em -> {
            new JpaIdempotencyStore(em).record(new IdempotencyRecord("k-1", "Deposit", null, null, T0.plusSeconds(1)));
            return null;
        })).isInstanceOf(RuntimeException.class);
        assertThat(find("k-1", T0.minus(1, ChronoUnit.HOURS)).orElseThrow().recordedAt()).isEqualTo(T0);
    }

    @Test
    void forgetsARecordOutsideTheRetentionWindowSoThatTheKeyCanBeUsedAgain() {
        // given
        record("k-1", T0);

        // when
        database.inTransaction(em -> {
            JpaIdempotencyStore testSubject = new JpaIdempotencyStore(em);
            assertThat(testSubject.find("k-1", T0.plusSeconds(1))).isEmpty();
            testSubject.record(new IdempotencyRecord("k-1", "Deposit", null, null, T0.plusSeconds(2)));
            return null;
        });

        // then
        assertThat(find("k-1", T0)).contains(new IdempotencyRecord("k-1", "Deposit", null, null, T0.plusSeconds(2)));
    }

    @Test
    void removesOnlyRecordsOlderThanTheCutOff() {
        // given
        record("old", T0);
        record("new", T0.plus(2, ChronoUnit.DAYS));

        // when
        int removed = database.inTransaction(em -> new JpaIdempotencyStore(em).deleteOlderThan(T0.plusSeconds(1)));

        // then
        assertThat(removed).isEqualTo(1);
        assertThat(find("old", Instant.EPOCH)).isEmpty();
        assertThat(find("new", Instant.EPOCH)).isPresent();
    }
}
