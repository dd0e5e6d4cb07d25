package io.recq.jpa.event.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Table;
import jakarta.transaction.UserTransaction;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.api.DeadEventQueue;
import io.recq.api.Event;
import io.recq.api.EventHandler;
import io.recq.api.EventMessage;
import io.recq.api.Metadata;
import io.recq.api.Projector;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.NewEvent;
import io.recq.cdi.spi.StoredEvent;
import io.recq.jpa.it.DefaultDataSourceSetup;

/**
 * No skipped event while transactions commit out of order: writers append concurrently, many keeping their
 * transaction open for a while before or after the append, some rolling back, while the projector consumes
 * live. Afterwards the projector's read model holds every committed event exactly once (one row per
 * sequence, the primary key), and it saw them in increasing sequence order.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
class OrderingIT {

    static final String CONTEXT = "ordering-it";
    private static final int WRITERS = 8;
    private static final int TRANSACTIONS_PER_WRITER = 30;

    @Deployment
    static WebArchive deployment() {
        return RecqArchives.war("ordering-it", "recq.event.batch-size=20\n", Tick.class, TickRow.class,
                TickCursor.class, TickProjector.class);
    }

    @Inject
    EventStore eventStore;

    @Inject
    UserTransaction transaction;

    @Inject
    DeadEventQueue deadEvents;

    @Resource
    ManagedExecutorService executor;

    @PersistenceContext(unitName = RecqArchives.READ_MODEL_UNIT)
    EntityManager entityManager;

    @Test
    void projectorSeesEveryCommittedEventOnceAndInOrderWhileTransactionsCommitOutOfOrder() throws Exception {
        // given
        Set<Long> committed = new ConcurrentSkipListSet<>();
        AtomicInteger rolledBack = new AtomicInteger();
        AtomicInteger heldOpen = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);

        // when
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(executor.submit(() -> {
                start.await();
                for (int t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int events = 1 + random.nextInt(3);
                    boolean holdBefore = random.nextInt(3) == 0;
                    boolean holdAfter = random.nextInt(4) == 0;
                    boolean rollback = random.nextInt(7) == 0;
                    transaction.begin();
                    try {
                        if (holdBefore) {
                            heldOpen.incrementAndGet();
                            Thread.sleep(random.nextInt(40));
                        }
                        List<NewEvent> ticks = new ArrayList<>();
                        for (int e = 0; e < events; e++) {
                            ticks.add(new NewEvent(null, 0, "Tick", "{\"writer\":" + writer + "}", CONTEXT,
                                    Metadata.empty(), Instant.now()));
                        }
                        List<StoredEvent> stored = eventStore.append(ticks);
                        if (holdAfter) {
                            heldOpen.incrementAndGet();
                            Thread.sleep(random.nextInt(15));
                        }
                        if (rollback) {
                            transaction.rollback();
                            rolledBack.incrementAndGet();
                        } else {
                            transaction.commit();
                            stored.forEach(s -> committed.add(s.sequence()));
                        }
                    } catch (Exception | Error e) {
                        transaction.rollback();
                        throw e;
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get(120, TimeUnit.SECONDS);
        }
        RecqArchives.await(Duration.ofSeconds(60), "the projector reaches " + committed.size() + " events",
                () -> cursor() != null && cursor().count >= committed.size());

        // then
        TickCursor cursor = cursor();
        List<Long> rows = entityManager.createQuery("SELECT r.sequence FROM OrderingIT$TickRow r", Long.class)
                .getResultList();
        System.out.printf("OrderingIT: %d committed events in %d transactions (%d rolled back, %d held open)%n",
                committed.size(), WRITERS * TRANSACTIONS_PER_WRITER, rolledBack.get(), heldOpen.get());
        assertTrue(rolledBack.get() > 0 && heldOpen.get() > 0, "the run must contain rollbacks and held transactions");
        assertEquals(new TreeSet<>(committed), new TreeSet<>(rows), "exactly the committed events, each once");
        assertEquals(committed.size(), rows.size());
        assertEquals(committed.size(), cursor.count);
        assertEquals(0, cursor.outOfOrder, "events seen in decreasing sequence order");
        assertEquals(0, deadEvents.list(TickProjector.CONSUMER, 10).size());
    }

    private TickCursor cursor() {
        entityManager.clear();
        return entityManager.find(TickCursor.class, CONTEXT);
    }

    public record Tick(int writer) implements Event {
        @Override
        public String context() {
            return CONTEXT;
        }
    }

    @Entity
    @Table(name = "it_ordering_tick")
    public static class TickRow {
        @Id
        public long sequence;
        public int writer;
    }

    @Entity
    @Table(name = "it_ordering_cursor")
    public static class TickCursor {
        @Id
        public String id;
        public long last;
        public long count;
        public long outOfOrder;

        /**
         * Its fields change only inside the entity: a provider that weaves entities for change tracking
         * (EclipseLink, Payara's) sees no write made to a field from outside.
         */
        void saw(long sequence) {
            if (sequence <= last) {
                outOfOrder++;
            }
            last = sequence;
            count++;
        }
    }

    @Projector(contexts = CONTEXT)
    public static class TickProjector {

        static final String CONSUMER = "Projector:TickProjector:v1:" + CONTEXT;

        @PersistenceContext(unitName = RecqArchives.READ_MODEL_UNIT)
        EntityManager entityManager;

        @EventHandler
        void on(Tick tick, EventMessage<Tick> message) {
            TickRow row = new TickRow();
            row.sequence = message.sequence();
            row.writer = tick.writer();
            entityManager.persist(row);
            TickCursor cursor = entityManager.find(TickCursor.class, CONTEXT);
            if (cursor == null) {
                cursor = new TickCursor();
                cursor.id = CONTEXT;
                entityManager.persist(cursor);
            }
            cursor.saw(message.sequence());
        }
    }
}
