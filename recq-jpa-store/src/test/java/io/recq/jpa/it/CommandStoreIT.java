package io.recq.jpa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.api.AggregateAlreadyInitializedException;
import io.recq.api.AggregateDeletedException;
import io.recq.api.AggregateNotInitializedException;
import io.recq.api.Metadata;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.CommandOutcome;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.IdempotencyStore;
import io.recq.cdi.spi.IncomingCommand;
import io.recq.cdi.spi.StoredEvent;
import io.recq.jpa.event.JpaEventStore;
import io.recq.jpa.health.EventStoreReadiness;

/**
 * The command runtime and the JPA store in WildFly, in JTA transactions, on the server's default datasource
 * (H2 ExampleDS, or PostgreSQL with {@code -Drecq.it.database=postgresql}; see {@link DefaultDataSourceSetup}).
 * Commands are delivered to the {@code CommandProcessor} as a transactional consumer does, with redelivery
 * after a rollback ({@link CommandDelivery}); the JMS transport is tested in recq-jms.
 *
 * <p>In-container assertions use JUnit's own {@code Assertions}: AssertJ is not packaged.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
class CommandStoreIT {

    @Deployment
    static WebArchive deployment() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "recq-store-it.war")
                .addClasses(CommandStoreIT.class, CommandDelivery.class, Ledger.class)
                .addClasses(Ledger.class.getDeclaredClasses())
                .addAsLibraries(module("../recq-api"), module("../recq-cdi"), module("."))
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml");
        return war;
    }

    private static JavaArchive module(String directory) {
        File classes = new File(directory, "target/classes");
        String name = new File(directory).getAbsoluteFile().toPath().normalize().getFileName() + ".jar";
        return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(classes).as(JavaArchive.class);
    }

    @Inject
    CommandDelivery delivery;

    @Inject
    EventStore eventStore;

    @Inject
    IdempotencyStore idempotencyStore;

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void injectsThePersistenceContextIntoTheStoreTheExtensionAdds() {
        // given
        String ledger = id("inject");

        // when
        CommandOutcome outcome = delivery.deliver(new Ledger.OpenLedger(ledger));

        // then
        assertTrue(outcome.succeeded(), String.valueOf(outcome.failure()));
        assertTrue(eventStore.getClass().getName().startsWith(JpaEventStore.class.getName()),
                eventStore.getClass().getName());
        assertEquals(1, eventStore.load(ledger, 0).size());
        assertEquals("LedgerOpened", outcome.resultName());
    }

    @Test
    void rejectsSecondInitOnSameAggregate() {
        // given
        String ledger = id("init");
        delivery.deliver(new Ledger.OpenLedger(ledger));

        // when
        CommandOutcome outcome = delivery.deliver(new Ledger.OpenLedger(ledger));

        // then
        assertInstanceOf(AggregateAlreadyInitializedException.class, outcome.failure());
        assertTrue(outcome.failure().getMessage().startsWith(ErrorCode.AGGREGATE_ALREADY_INITIALIZED.code()));
        assertEquals(1, eventStore.load(ledger, 0).size());
    }

    @Test
    void rejectsCommandOnMissingAggregate() {
        // when
        String ledger = id("missing");
        CommandOutcome outcome = delivery.deliver(new Ledger.Post(ledger, 5));

        // then
        assertInstanceOf(AggregateNotInitializedException.class, outcome.failure());
        assertTrue(outcome.failure().getMessage().startsWith(ErrorCode.AGGREGATE_NOT_INITIALIZED.code()));
        assertEquals(0, eventStore.load(ledger, 0).size());
    }

    @Test
    void rejectsEveryCommandOnDeletedAggregate() {
        // given
        String ledger = id("deleted");
        delivery.deliver(new Ledger.OpenLedger(ledger));
        delivery.deliver(new Ledger.CloseLedger(ledger));

        // when
        CommandOutcome post = delivery.deliver(new Ledger.Post(ledger, 5));
        CommandOutcome reopen = delivery.deliver(new Ledger.OpenLedger(ledger));

        // then
        assertInstanceOf(AggregateDeletedException.class, post.failure());
        assertTrue(post.failure().getMessage().startsWith(ErrorCode.AGGREGATE_DELETED.code()));
        assertInstanceOf(AggregateDeletedException.class, reopen.failure());
        assertEquals(2, eventStore.load(ledger, 0).size());
    }

    @Test
    void returnsTheHandlersOwnExceptionAndStoresNothing() {
        // given
        String ledger = id("failing");
        delivery.deliver(new Ledger.OpenLedger(ledger));
        delivery.deliver(new Ledger.Post(ledger, 7));

        // when
        CommandOutcome outcome = delivery.deliver(new Ledger.Overdraw(ledger));

        // then
        assertEquals(Ledger.LedgerRejected.class, outcome.failure().getClass());
        assertEquals("ledger " + ledger + " holds 7", outcome.failure().getMessage());
        assertEquals(2, eventStore.load(ledger, 0).size());
    }

    @Test
    void answersARepeatedIdempotencyKeyWithTheFirstResultAndStoresNothingNew() {
        // given
        String ledger = id("idem");
        delivery.deliver(new Ledger.OpenLedger(ledger));
        Metadata key = Metadata.of(Metadata.IDEMPOTENCY_KEY, id("key"));
        CommandOutcome first = delivery.deliver(delivery.incoming(new Ledger.Post(ledger, 10), key));

        // when
        CommandOutcome second = delivery.deliver(delivery.incoming(new Ledger.Post(ledger, 10), key));

        // then
        assertTrue(second.succeeded());
        assertEquals(first.resultJson(), second.resultJson());
        assertEquals(first.resultName(), second.resultName());
        assertTrue(second.events().isEmpty());
        assertEquals(2, eventStore.load(ledger, 0).size());
    }

    @Test
    void handlesAKeyAgainOnceItsRecordIsRemovedOutsideAnyTransaction() {
        // given
        String ledger = id("cleanup");
        delivery.deliver(new Ledger.OpenLedger(ledger));
        Metadata key = Metadata.of(Metadata.IDEMPOTENCY_KEY, id("key"));
        delivery.deliver(delivery.incoming(new Ledger.Post(ledger, 10), key));

        // when: the clean-up removes every record (as it does on its schedule, without a caller's transaction)
        int removed = idempotencyStore.deleteOlderThan(Instant.now().plusSeconds(1));
        CommandOutcome again = delivery.deliver(delivery.incoming(new Ledger.Post(ledger, 10), key));

        // then
        assertTrue(removed >= 1, "removed " + removed);
        assertEquals(1, again.events().size());
        assertTrue(again.resultJson().contains("\"balance\":20"), again.resultJson());
        assertEquals(3, eventStore.load(ledger, 0).size());
    }

    @Test
    void storesTheCommandMetadataWithCorrelationOnEveryEvent() {
        // given
        String ledger = id("meta");
        delivery.deliver(new Ledger.OpenLedger(ledger));
        IncomingCommand command = delivery.incoming(new Ledger.Post(ledger, 3), Metadata.of("tenant", "acme"));

        // when
        delivery.deliver(command);

        // then
        StoredEvent stored = eventStore.load(ledger, 1).get(0);
        assertEquals("acme", stored.metadata().get("tenant").orElseThrow());
        assertEquals(command.messageId(), stored.metadata().get(Metadata.CORRELATION_ID).orElseThrow());
        assertEquals(command.messageId(), stored.metadata().get(Metadata.CAUSATION_ID).orElseThrow());
        assertEquals("ledger", stored.context());
    }

    @Test
    void storesAServiceEventWithoutAggregateId() {
        // when
        CommandOutcome outcome = delivery.deliver(new Ledger.Stamp("doc-1"));

        // then
        assertEquals("Stamped", outcome.resultName());
        StoredEvent stored = outcome.events().get(0);
        assertNull(stored.aggregateId());
        assertEquals(0, stored.aggregateVersion());
        assertEquals(stored, eventStore.read(stored.sequence(), 1).get(0));
    }

    @Test
    void appliesTwoHundredConcurrentCommandsToOneAggregateWithContiguousVersions() throws Exception {
        // given
        String ledger = id("hot");
        delivery.deliver(new Ledger.OpenLedger(ledger));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Future<CommandOutcome>> results = new ArrayList<>();

        // when
        for (int i = 1; i <= 200; i++) {
            long amount = i;
            results.add(threads.submit(() -> {
                Thread.currentThread().setContextClassLoader(loader);
                return delivery.deliver(new Ledger.Post(ledger, amount));
            }));
        }
        for (Future<CommandOutcome> result : results) {
            CommandOutcome outcome = result.get(5, TimeUnit.MINUTES);
            assertTrue(outcome.succeeded(), String.valueOf(outcome.failure()));
        }
        threads.shutdown();

        // then
        List<StoredEvent> events = eventStore.load(ledger, 0);
        assertEquals(201, events.size());
        for (int v = 0; v < events.size(); v++) {
            assertEquals(v + 1L, events.get(v).aggregateVersion());
        }
        String last = events.get(200).json();
        assertTrue(last.contains("\"balance\":" + (200 * 201 / 2)), last);
    }

    @Test
    void keepsTheGlobalSequenceGapFreeForAThousandCommandsOverFiftyAggregates() throws Exception {
        // given
        List<String> ledgers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String ledger = id("many" + i);
            ledgers.add(ledger);
            delivery.deliver(new Ledger.OpenLedger(ledger));
        }
        long from = eventStore.load(ledgers.get(49), 0).get(0).sequence() + 1;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Future<CommandOutcome>> results = new ArrayList<>();

        // when
        for (int i = 0; i < 1000; i++) {
            String ledger = ledgers.get(i % 50);
            results.add(threads.submit(() -> {
                Thread.currentThread().setContextClassLoader(loader);
                return delivery.deliver(new Ledger.Post(ledger, 1));
            }));
        }
        for (Future<CommandOutcome> result : results) {
            assertTrue(result.get(5, TimeUnit.MINUTES).succeeded());
        }
        threads.shutdown();

        // then
        List<StoredEvent> read = eventStore.read(from, 5000);
        Map<String, List<Long>> versions = new TreeMap<>();
        long expected = from;
        for (StoredEvent event : read) {
            assertEquals(expected++, event.sequence());
            if (ledgers.contains(event.aggregateId())) {
                versions.computeIfAbsent(event.aggregateId(), k -> new ArrayList<>()).add(event.aggregateVersion());
            }
        }
        assertEquals(50, versions.size());
        versions.forEach((ledger, vs) -> {
            assertEquals(20, vs.size(), ledger);
            for (int v = 0; v < vs.size(); v++) {
                assertEquals(v + 2L, vs.get(v), ledger);
            }
        });
    }

    @Test
    @RunAsClient
    void reportsTheEventStoreReady() throws Exception {
        // given
        String readiness = StoreArchives.health("ready");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        // when
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(readiness))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains(EventStoreReadiness.NAME), response.body());
        String database = "postgresql".equals(System.getProperty("recq.it.database")) ? "PostgreSQL" : "H2";
        assertTrue(response.body().contains(database), response.body());
    }
}
