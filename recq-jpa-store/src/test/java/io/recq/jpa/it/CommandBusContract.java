package io.recq.jpa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.recq.api.AggregateAlreadyInitializedException;
import io.recq.api.AggregateDeletedException;
import io.recq.api.AggregateNotInitializedException;
import io.recq.api.CommandGateway;
import io.recq.api.Metadata;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.StoredEvent;

/**
 * Commands through the {@link CommandGateway}, the JMS transport (recq-jms) and the JPA store, in WildFly, on
 * H2 and on PostgreSQL ({@link DefaultDataSourceSetup}): the caller's view of the command side. It runs twice:
 * with commands handled in the caller's JVM ({@link CommandBusIT}, the default) and through the command queue
 * ({@link CommandBusQueueIT}).
 *
 * <p>In-container assertions use JUnit's own {@code Assertions}: AssertJ is not packaged.
 */
abstract class CommandBusContract {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * @param name the WAR's name, without {@code .war}
     * @param test the concrete test class
     * @param localDispatch the value of {@code recq.command.local-dispatch}
     * @return the deployment
     */
    static WebArchive deployment(String name, Class<?> test, boolean localDispatch) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(test, CommandBusContract.class, Ledger.class)
                .addClasses(Ledger.class.getDeclaredClasses())
                .addAsLibraries(module("../recq-api"), module("../recq-cdi"), module("../recq-jms"), module("."))
                .addAsResource(new StringAsset("recq.command.local-dispatch=" + localDispatch + "\n"),
                        "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml");
    }

    private static JavaArchive module(String directory) {
        File classes = new File(directory, "target/classes");
        if (!classes.isDirectory()) {
            throw new IllegalStateException(classes.getAbsolutePath() + " is missing: build with -am");
        }
        String name = new File(directory).getAbsoluteFile().toPath().normalize().getFileName() + ".jar";
        return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(classes).as(JavaArchive.class);
    }

    @Inject
    CommandGateway commandGateway;

    @Inject
    EventStore eventStore;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Inject
    io.recq.cdi.service.ServiceRegistry serviceRegistry;

    @Inject
    io.recq.jms.JmsConfig jmsConfig;

    @Inject
    io.recq.jms.JmsTransport transport;

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private <R> R send(Object command) {
        return commandGateway.sendAndWait((io.recq.api.Command) command, Metadata.empty(), WAIT);
    }

    @Test
    void answersWithTheFirstEventAfterCommit() {
        // given
        String ledger = id("open");

        // when
        Ledger.LedgerOpened opened = send(new Ledger.OpenLedger(ledger));

        // then
        assertEquals(new Ledger.LedgerOpened(ledger), opened);
        assertEquals(1, eventStore.load(ledger, 0).size());
    }

    @Test
    void rejectsSecondInitOnSameAggregate() {
        // given
        String ledger = id("init");
        send(new Ledger.OpenLedger(ledger));

        // when
        AggregateAlreadyInitializedException thrown = assertThrows(AggregateAlreadyInitializedException.class,
                () -> send(new Ledger.OpenLedger(ledger)));

        // then
        assertTrue(thrown.getMessage().startsWith(ErrorCode.AGGREGATE_ALREADY_INITIALIZED.code()),
                thrown.getMessage());
        assertEquals(1, eventStore.load(ledger, 0).size());
    }

    @Test
    void rejectsCommandOnMissingAggregate() {
        // given
        String ledger = id("missing");

        // when
        AggregateNotInitializedException thrown = assertThrows(AggregateNotInitializedException.class,
                () -> send(new Ledger.Post(ledger, 1)));

        // then
        assertTrue(thrown.getMessage().startsWith(ErrorCode.AGGREGATE_NOT_INITIALIZED.code()), thrown.getMessage());
        assertEquals(0, eventStore.load(ledger, 0).size());
    }

    @Test
    void rejectsEveryCommandOnDeletedAggregate() {
        // given
        String ledger = id("deleted");
        send(new Ledger.OpenLedger(ledger));
        send(new Ledger.CloseLedger(ledger));

        // when
        AggregateDeletedException post = assertThrows(AggregateDeletedException.class,
                () -> send(new Ledger.Post(ledger, 1)));
        AggregateDeletedException reopen = assertThrows(AggregateDeletedException.class,
                () -> send(new Ledger.OpenLedger(ledger)));

        // then
        assertTrue(post.getMessage().startsWith(ErrorCode.AGGREGATE_DELETED.code()), post.getMessage());
        assertNotNull(reopen);
        assertEquals(2, eventStore.load(ledger, 0).size());
    }

    @Test
    void throwsTheHandlersOwnExceptionToTheCallerAndStoresNothing() {
        // given
        String ledger = id("failing");
        send(new Ledger.OpenLedger(ledger));
        send(new Ledger.Post(ledger, 7));

        // when
        Ledger.LedgerRejected thrown = assertThrows(Ledger.LedgerRejected.class,
                () -> send(new Ledger.Overdraw(ledger)));

        // then
        assertEquals(Ledger.LedgerRejected.class, thrown.getClass());
        assertEquals("ledger " + ledger + " holds 7", thrown.getMessage());
        assertEquals(2, eventStore.load(ledger, 0).size());
    }

    @Test
    void handlesARepeatedIdempotencyKeyOnceAndAnswersTheFirstResult() {
        // given
        String ledger = id("idem");
        send(new Ledger.OpenLedger(ledger));
        Metadata key = Metadata.of(Metadata.IDEMPOTENCY_KEY, id("key"));
        Ledger.Posted first = commandGateway.sendAndWait(new Ledger.Post(ledger, 10), key, WAIT);

        // when
        Ledger.Posted second = commandGateway.sendAndWait(new Ledger.Post(ledger, 10), key, WAIT);

        // then
        assertEquals(first, second);
        assertEquals(new Ledger.Posted(ledger, 10, 10), second);
        assertEquals(2, eventStore.load(ledger, 0).size());
    }

    @Test
    void storesTheCommandMetadataAndACorrelationIdOnEveryEvent() {
        // given
        String ledger = id("meta");
        send(new Ledger.OpenLedger(ledger));

        // when
        commandGateway.sendAndWait(new Ledger.Post(ledger, 3), Metadata.of("tenant", "acme").with("user", "ada"),
                WAIT);

        // then
        StoredEvent stored = eventStore.load(ledger, 1).get(0);
        assertEquals("acme", stored.metadata().get("tenant").orElseThrow());
        assertEquals("ada", stored.metadata().get("user").orElseThrow());
        assertTrue(stored.metadata().get(Metadata.CORRELATION_ID).isPresent(), stored.metadata().toString());
    }

    @Test
    void appliesTwoHundredConcurrentCommandsToOneAggregateWithoutAnExceptionToAnyCaller() throws Exception {
        // given
        String ledger = id("hot");
        send(new Ledger.OpenLedger(ledger));
        ExecutorService callers = Executors.newFixedThreadPool(16);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Future<Ledger.Posted>> results = new ArrayList<>();

        // when
        for (int i = 1; i <= 200; i++) {
            long amount = i;
            results.add(callers.submit(() -> {
                Thread.currentThread().setContextClassLoader(loader);
                return commandGateway.<Ledger.Posted>sendAndWait(new Ledger.Post(ledger, amount), Metadata.empty(),
                        WAIT);
            }));
        }
        for (Future<Ledger.Posted> result : results) {
            assertNotNull(result.get(2, TimeUnit.MINUTES));
        }
        callers.shutdown();

        // then
        List<StoredEvent> events = eventStore.load(ledger, 0);
        assertEquals(201, events.size());
        for (int v = 0; v < events.size(); v++) {
            assertEquals(v + 1L, events.get(v).aggregateVersion());
        }
        assertTrue(events.get(200).json().contains("\"balance\":" + (200 * 201 / 2)), events.get(200).json());
    }

    @Test
    void keepsTheGlobalSequenceGapFreeForAThousandCommandsOverFiftyAggregates() throws Exception {
        // given
        List<String> ledgers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ledgers.add(id("many" + i));
        }
        List<CompletableFuture<Object>> opened = new ArrayList<>();
        for (String ledger : ledgers) {
            opened.add(commandGateway.send(new Ledger.OpenLedger(ledger)));
        }
        CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        long from = ledgers.stream().mapToLong(l -> eventStore.load(l, 0).get(0).sequence()).max().orElseThrow() + 1;

        // when
        List<CompletableFuture<Object>> posted = Collections.synchronizedList(new ArrayList<>());
        ExecutorService callers = Executors.newFixedThreadPool(16);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (int i = 0; i < 1000; i++) {
            String ledger = ledgers.get(i % 50);
            callers.submit(() -> {
                Thread.currentThread().setContextClassLoader(loader);
                posted.add(commandGateway.send(new Ledger.Post(ledger, 1)));
            }).get();
        }
        callers.shutdown();
        CompletableFuture.allOf(posted.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);

        // then
        Map<String, List<Long>> versions = new TreeMap<>();
        long expected = from;
        for (StoredEvent event : eventStore.read(from, 10_000)) {
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
    void movesAPoisonMessageToTheDeadLetterQueueAndHandlesLaterCommands() throws Exception {
        // given
        String marker = id("poison");
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TextMessage poison = context.createTextMessage("{ not json");
            poison.setStringProperty("recq_payload", "NoSuchCommand");
            poison.setStringProperty("recq_message_id", marker);
            context.createProducer().send(context.createTopic(jmsConfig.commandDestination(serviceRegistry.serviceName())),
                    poison);
        }

        // when
        String ledger = id("after-poison");
        Ledger.LedgerOpened opened = send(new Ledger.OpenLedger(ledger));

        // then
        assertEquals(new Ledger.LedgerOpened(ledger), opened);
        assertTrue(deadLettered(marker), "the poison message is not in the dead-letter queue");
    }

    @Test
    void appliesTheCommandsWaitingWithOneWhoseTransactionCannotCommitOnceEach() throws Exception {
        // given
        List<String> ledgers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ledgers.add(id("beside-doom" + i));
        }
        List<CompletableFuture<Object>> opened = new ArrayList<>();
        for (String ledger : ledgers) {
            opened.add(commandGateway.send(new Ledger.OpenLedger(ledger)));
        }
        CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

        // when: the posts queue up around a command whose transaction is marked rollback-only
        List<CompletableFuture<Object>> posted = new ArrayList<>();
        CompletableFuture<Object> doomed = null;
        for (int i = 0; i < ledgers.size(); i++) {
            if (i == ledgers.size() / 2) {
                doomed = commandGateway.send(new Ledger.Doom("doomed-" + UUID.randomUUID()));
            }
            posted.add(commandGateway.send(new Ledger.Post(ledgers.get(i), 7)));
        }
        CompletableFuture.allOf(posted.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        CompletableFuture<Object> doom = doomed;
        ExecutionException failure = assertThrows(ExecutionException.class, () -> doom.get(2, TimeUnit.MINUTES));

        // then: every post applied exactly once, the doomed command dead-lettered and nothing stored for it
        assertTrue(String.valueOf(failure.getCause().getMessage()).contains("RECQ-01102"),
                String.valueOf(failure.getCause()));
        for (String ledger : ledgers) {
            List<StoredEvent> events = eventStore.load(ledger, 0);
            assertEquals(2, events.size(), ledger);
            assertEquals(2L, events.get(1).aggregateVersion(), ledger);
            assertTrue(events.get(1).json().contains("\"balance\":7"), events.get(1).json());
        }
    }

    private boolean deadLettered(String marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue dlq = transport.deadLetterQueue(context);
            while (System.nanoTime() < deadline) {
                try (QueueBrowser browser = context.createBrowser(dlq)) {
                    for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements();) {
                        Message m = (Message) e.nextElement();
                        if (marker.equals(m.getStringProperty("recq_message_id"))) {
                            return true;
                        }
                    }
                }
                Thread.sleep(200);
            }
        }
        return false;
    }

    @Test
    void answersAServiceCommandWithItsEventStoredWithoutAggregateId() {
        // when
        Ledger.Stamped stamped = send(new Ledger.Stamp("doc-" + UUID.randomUUID()));

        // then
        assertInstanceOf(Ledger.Stamped.class, stamped);
    }
}
