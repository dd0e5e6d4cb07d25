package io.recq.jpa.event.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Table;
import jakarta.transaction.UserTransaction;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
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
import io.recq.api.Observer;
import io.recq.api.Projector;
import io.recq.jpa.event.consumer.EventConsumersReadiness;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.NewEvent;
import io.recq.cdi.spi.StoredEvent;
import io.recq.cdi.spi.TransientStoreException;
import io.recq.jpa.it.DefaultDataSourceSetup;

/**
 * Failing events in the server: a poison event goes to the dead event queue after its retries while the
 * projector goes on; retried after the fix it takes effect; deleted, it is gone. A transient failure is
 * retried without dead-lettering. An observer that throws once is retried and runs its side effect once.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
class FailuresIT {

    static final String CONTEXT = "failures-it";

    @Deployment
    static WebArchive deployment() {
        return RecqArchives.war("failures-it", "", Item.class, ItemRow.class, ItemProjector.class, Switches.class,
                Ping.class, PingObserver.class);
    }

    @Inject
    EventStore eventStore;

    @Inject
    UserTransaction transaction;

    @Inject
    DeadEventQueue deadEvents;

    @Inject
    Switches switches;

    @PersistenceContext(unitName = RecqArchives.READ_MODEL_UNIT)
    EntityManager entityManager;

    @Test
    void poisonEventIsDeadLetteredAfterItsRetriesAndTheProjectorGoesOn() throws Exception {
        // given
        switches.poisonFails = true;
        List<StoredEvent> stored = append(new Item("p-1", false), new Item("p-2", true), new Item("p-3", false));
        long poisonSequence = stored.get(1).sequence();

        // when
        RecqArchives.await(Duration.ofSeconds(20), "p-3 projected", () -> row("p-3") != null);

        // then
        assertTrue(row("p-1") != null);
        assertTrue(row("p-2") == null);
        List<DeadEventQueue.Entry> dead = deadEvents.list(ItemProjector.CONSUMER, 10);
        assertEquals(1, dead.size(), dead.toString());
        DeadEventQueue.Entry entry = dead.get(0);
        assertEquals(poisonSequence, entry.sequence());
        assertEquals("Item", entry.eventType());
        assertEquals(IllegalStateException.class.getName(), entry.errorClass());
        assertEquals(ItemProjector.RETRIES + 1, entry.attempts(), "the first attempt and each retry");
        assertEquals(ItemProjector.RETRIES + 1, switches.poisonAttempts.get());
        assertTrue(entry.handler().endsWith("ItemProjector#on(Item, EventMessage)"), entry.handler());

        // when: retried while the handler still fails
        boolean stillFailing = deadEvents.retry(entry.id());

        // then
        assertFalse(stillFailing);
        assertEquals(ItemProjector.RETRIES + 2, deadEvents.find(entry.id()).orElseThrow().attempts());

        // when: retried after the fix
        switches.poisonFails = false;
        boolean handled = deadEvents.retry(entry.id());

        // then
        assertTrue(handled);
        assertEquals(poisonSequence, row("p-2").sequence);
        assertTrue(deadEvents.find(entry.id()).isEmpty());
    }

    @Test
    void deletedDeadEventIsGone() throws Exception {
        // given
        switches.poisonFails = true;
        append(new Item("d-1", true), new Item("d-2", false));
        RecqArchives.await(Duration.ofSeconds(20), "d-2 projected", () -> row("d-2") != null);
        DeadEventQueue.Entry entry = deadEvents.list(ItemProjector.CONSUMER, 100).stream()
                .filter(e -> e.sequence() > 0 && row("d-1") == null).reduce((a, b) -> b).orElseThrow();

        // when
        boolean deleted = deadEvents.delete(entry.id());

        // then
        assertTrue(deleted);
        assertTrue(deadEvents.find(entry.id()).isEmpty());
        assertFalse(deadEvents.delete(entry.id()));
        switches.poisonFails = false;
    }

    @Test
    void transientFailureIsRetriedWithoutDeadLettering() throws Exception {
        // given: three attempts fail as if the database were gone, more than the handler's retries
        switches.transientFailures.set(ItemProjector.RETRIES + 2);
        int deadBefore = deadEvents.list(ItemProjector.CONSUMER, 1000).size();

        // when
        append(new Item("t-1", false));

        // then
        RecqArchives.await(Duration.ofSeconds(20), "t-1 projected", () -> row("t-1") != null);
        assertEquals(0, switches.transientFailures.get());
        assertEquals(deadBefore, deadEvents.list(ItemProjector.CONSUMER, 1000).size());
    }

    @Test
    void observerThatThrowsOnceIsRetriedAndRunsItsSideEffectOnce() throws Exception {
        // given
        String id = "ping-" + System.nanoTime();

        // when
        append(new Ping(id));

        // then
        RecqArchives.await(Duration.ofSeconds(20), "side effect of " + id,
                () -> switches.sideEffects.getOrDefault(id, new AtomicInteger()).get() > 0);
        Thread.sleep(500);
        assertEquals(2, switches.pingAttempts.get(id).get());
        assertEquals(1, switches.sideEffects.get(id).get());
    }

    @Inject
    @Readiness
    EventConsumersReadiness readiness;

    @Test
    void readinessReportsEachConsumersPositionLagAndDeadEvents() throws Exception {
        // given
        switches.poisonFails = true;
        append(new Item("r-1", true), new Item("r-2", false));
        RecqArchives.await(Duration.ofSeconds(20), "r-2 projected", () -> row("r-2") != null);
        switches.poisonFails = false;
        long dead = deadEvents.list(ItemProjector.CONSUMER, 1000).size();

        // when
        HealthCheckResponse response = readiness.call();

        // then
        Map<String, Object> data = response.getData().orElseThrow();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus(), data.toString());
        assertEquals(dead, ((Number) data.get(ItemProjector.CONSUMER + ".dead-events")).longValue());
        assertEquals(0L, ((Number) data.get(ItemProjector.CONSUMER + ".lag")).longValue(), data.toString());
        assertEquals(((Number) data.get("head")).longValue(),
                ((Number) data.get(ItemProjector.CONSUMER + ".position")).longValue());
        assertEquals("LIVE", data.get(ItemProjector.CONSUMER + ".phase"));
        assertTrue(data.containsKey("Observer:PingObserver:v1:*.position"), data.toString());
        String served = served();
        assertTrue(served.contains("\"recq-event-consumers\"") && served.contains(ItemProjector.CONSUMER + ".lag"),
                served);
    }

    /**
     * The server's readiness report, read in the server: WildFly serves it on the management port (9990 moved by
     * the port offset), Payara (whose domain names its instance root) on its HTTP listener.
     */
    private static String served() throws Exception {
        int port = System.getProperty("com.sun.aas.instanceRoot") != null ? 8080
                : 9990 + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        java.net.URI readiness = java.net.URI.create("http://127.0.0.1:" + port + "/health/ready");
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(readiness)
                .timeout(Duration.ofSeconds(10)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private ItemRow row(String id) {
        return entityManager.find(ItemRow.class, id);
    }

    private List<StoredEvent> append(Event... events) throws Exception {
        transaction.begin();
        try {
            List<NewEvent> list = new java.util.ArrayList<>();
            for (Event e : events) {
                list.add(new NewEvent(null, 0, e.getClass().getSimpleName(), json(e), e.context(), Metadata.empty(),
                        Instant.now()));
            }
            List<StoredEvent> stored = eventStore.append(list);
            transaction.commit();
            return stored;
        } catch (Exception | Error e) {
            transaction.rollback();
            throw e;
        }
    }

    private static String json(Event e) {
        if (e instanceof Item item) {
            return "{\"id\":\"" + item.id() + "\",\"poison\":" + item.poison() + "}";
        }
        return "{\"id\":\"" + ((Ping) e).id() + "\"}";
    }

    public record Item(String id, boolean poison) implements Event {
        @Override
        public String context() {
            return CONTEXT;
        }
    }

    public record Ping(String id) implements Event {
        @Override
        public String context() {
            return CONTEXT;
        }
    }

    @Entity
    @Table(name = "it_failures_item")
    public static class ItemRow {
        @Id
        public String id;
        public long sequence;
    }

    @ApplicationScoped
    public static class Switches {
        volatile boolean poisonFails;
        final AtomicInteger poisonAttempts = new AtomicInteger();
        final AtomicInteger transientFailures = new AtomicInteger();
        final Map<String, AtomicInteger> pingAttempts = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> sideEffects = new ConcurrentHashMap<>();
    }

    @Projector(contexts = CONTEXT)
    public static class ItemProjector {

        static final int RETRIES = 2;
        static final String CONSUMER = "Projector:ItemProjector:v1:" + CONTEXT;

        @PersistenceContext(unitName = RecqArchives.READ_MODEL_UNIT)
        EntityManager entityManager;

        @Inject
        Switches switches;

        @EventHandler(retry = RETRIES, retryDelay = 10)
        void on(Item item, EventMessage<Item> message) {
            if (switches.transientFailures.get() > 0) {
                switches.transientFailures.decrementAndGet();
                throw new TransientStoreException("the database is gone for a moment");
            }
            ItemRow row = new ItemRow();
            row.id = item.id();
            row.sequence = message.sequence();
            entityManager.persist(row);
            if (item.poison() && switches.poisonFails) {
                if (item.id().startsWith("p-")) {
                    switches.poisonAttempts.incrementAndGet();
                }
                throw new IllegalStateException("poison " + item.id());
            }
        }
    }

    @Observer
    public static class PingObserver {

        @Inject
        Switches switches;

        @EventHandler(retry = 3, retryDelay = 10)
        void on(Ping ping) {
            int attempt = switches.pingAttempts.computeIfAbsent(ping.id(), k -> new AtomicInteger()).incrementAndGet();
            if (attempt == 1) {
                throw new IllegalStateException("first attempt of " + ping.id() + " fails");
            }
            switches.sideEffects.computeIfAbsent(ping.id(), k -> new AtomicInteger()).incrementAndGet();
        }
    }
}
