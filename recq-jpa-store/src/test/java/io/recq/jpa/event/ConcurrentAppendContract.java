package io.recq.jpa.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.recq.api.Metadata;
import io.recq.cdi.spi.NewEvent;
import io.recq.cdi.spi.StoredEvent;
import io.recq.jpa.StoreDatabase;

/**
 * The global sequence under concurrency: writers append to their own aggregates, some holding their
 * transaction open after the append, some rolling back; a reader polls {@code read(next)} all the while. It
 * must see every committed event exactly once, in sequence order, and never a number beyond one it has not
 * seen yet (a gap that a slower transaction fills later is exactly what a consumer would skip).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConcurrentAppendContract {

    private static final int WRITERS = 8;
    private static final int TRANSACTIONS_PER_WRITER = 40;
    private static final int AGGREGATES_PER_WRITER = 3;

    private final StoreDatabase database;

    ConcurrentAppendContract(StoreDatabase.Kind kind) {
        this.database = StoreDatabase.create(kind);
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @Test
    void readerNeverSeesAGapWhileTransactionsCommitOutOfOrder() throws Exception {
        // given
        database.clear();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger committedEvents = new AtomicInteger();
        AtomicInteger rolledBack = new AtomicInteger();
        AtomicInteger heldOpen = new AtomicInteger();
        Map<String, Long> committedVersions = new ConcurrentHashMap<>();

        // when
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                start.await();
                long[] versions = new long[AGGREGATES_PER_WRITER];
                for (int t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int a = random.nextInt(AGGREGATES_PER_WRITER);
                    String aggregateId = "w" + writer + "-a" + a;
                    int count = 1 + random.nextInt(3);
                    List<NewEvent> events = new ArrayList<>();
                    for (int i = 1; i <= count; i++) {
                        events.add(new NewEvent(aggregateId, versions[a] + i, "Deposited", "{\"amount\":" + i + "}",
                                "default", Metadata.of("writer", String.valueOf(writer)), Instant.now()));
                    }
                    boolean hold = t % 4 == writer % 4;
                    boolean rollback = t % 7 == 3;
                    EntityManager em = database.entityManager();
                    EntityTransaction tx = em.getTransaction();
                    try {
                        tx.begin();
                        new JpaEventStore(em, database.kind().name()).append(events);
                        if (hold) {
                            heldOpen.incrementAndGet();
                            Thread.sleep(5 + random.nextInt(25));
                        }
                        if (rollback) {
                            tx.rollback();
                            rolledBack.incrementAndGet();
                        } else {
                            tx.commit();
                            versions[a] += count;
                            committedVersions.put(aggregateId, versions[a]);
                            committedEvents.addAndGet(count);
                        }
                    } finally {
                        if (tx.isActive()) {
                            tx.rollback();
                        }
                        em.close();
                    }
                }
                return null;
            }));
        }
        AtomicReference<String> violation = new AtomicReference<>();
        List<StoredEvent> seen = new ArrayList<>();
        Future<?> reader = pool.submit(() -> {
            start.await();
            long next = 1;
            while (violation.get() == null) {
                boolean done = !writing.get();
                List<StoredEvent> page;
                EntityManager em = database.entityManager();
                try {
                    page = new JpaEventStore(em).read(next, 50);
                } finally {
                    em.close();
                }
                for (StoredEvent event : page) {
                    if (event.sequence() != next) {
                        violation.set("expected sequence " + next + " but read " + event.sequence());
                        break;
                    }
                    seen.add(event);
                    next++;
                }
                if (done && page.isEmpty()) {
                    return null;
                }
                if (page.isEmpty()) {
                    Thread.sleep(1);
                }
            }
            return null;
        });
        long began = System.nanoTime();
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get(5, TimeUnit.MINUTES);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        writing.set(false);
        reader.get(1, TimeUnit.MINUTES);
        pool.shutdown();

        // then
        assertThat(violation.get()).isNull();
        assertThat(heldOpen.get()).isPositive();
        assertThat(rolledBack.get()).isPositive();
        assertThat(seen).hasSize(committedEvents.get());
        assertThat(seen).extracting(StoredEvent::sequence).doesNotHaveDuplicates().isSorted();
        Map<String, List<Long>> versionsByAggregate = new TreeMap<>();
        seen.forEach(e -> versionsByAggregate.computeIfAbsent(e.aggregateId(), k -> new ArrayList<>())
                .add(e.aggregateVersion()));
        versionsByAggregate.forEach((aggregateId, versions) -> {
            assertThat(versions).as(aggregateId).hasSize(committedVersions.get(aggregateId).intValue());
            for (int i = 0; i < versions.size(); i++) {
                assertThat(versions.get(i)).as(aggregateId).isEqualTo(i + 1L);
            }
        });
        System.out.printf("[%s] %d writers, %d transactions (%d held open, %d rolled back), %d events committed "
                + "in %d ms, read back without a gap%n", database.kind(), WRITERS, WRITERS * TRANSACTIONS_PER_WRITER,
                heldOpen.get(), rolledBack.get(), committedEvents.get(), took.toMillis());
    }
}
