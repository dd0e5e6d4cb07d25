package io.recq.jms.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.api.ForbiddenMessageException;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.api.Multiple;
import io.recq.api.QueryGateway;
import io.recq.api.RequestTimeoutException;
import io.recq.api.Single;
import io.recq.jms.JmsTransport;
import io.recq.jms.health.BrokerReadinessCheck;
import io.recq.jms.MessageFormat;
import io.recq.jms.it.RecqArchives;
import io.recq.jms.it.query.QueryModel.Color;
import io.recq.jms.it.query.QueryModel.CommandingQuery;
import io.recq.jms.it.query.QueryModel.EchoItem;
import io.recq.jms.it.query.QueryModel.FailingQuery;
import io.recq.jms.it.query.QueryModel.FindItem;
import io.recq.jms.it.query.QueryModel.FindNothing;
import io.recq.jms.it.query.QueryModel.ItemList;
import io.recq.jms.it.query.QueryModel.ItemMissingException;
import io.recq.jms.it.query.QueryModel.ItemView;
import io.recq.jms.it.query.QueryModel.ListItems;
import io.recq.jms.it.query.QueryModel.NestedQuery;
import io.recq.jms.it.query.QueryModel.PickColor;
import io.recq.jms.it.query.QueryModel.SlowQuery;
import io.recq.jms.it.query.QueryModel.UnhandledQuery;
import io.recq.jms.it.query.QueryModel.WhatInstant;

/**
 * Queries over the real broker of a managed WildFly: typed answers of every shape, empty answers,
 * failures, timeouts, nested queries and many concurrent callers.
 */
@ExtendWith(ArquillianExtension.class)
class QueryTransportIT {

    private static final Logger LOG = Logger.getLogger(QueryTransportIT.class.getName());

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "query-transport.war")
                .addClasses(QueryModel.class, RecqArchives.class)
                .addClasses(QueryModel.class.getDeclaredClasses())
                .addAsLibraries(RecqArchives.libraries())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    QueryGateway testSubject;

    @Inject
    JmsTransport transport;

    @Inject
    @Readiness
    BrokerReadinessCheck readiness;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Test
    void answersSingleWithNestedRecordsEnumsListsAndTimeValues() {
        // when
        Single<ItemView> answer = testSubject.queryAndWait(new FindItem("item-1"));

        // then
        assertEquals(QueryModel.item("item-1", "item-1"), answer.data());
    }

    @Test
    void answersEveryDeclaredShape() {
        // when
        Multiple<ItemView> multiple = testSubject.queryAndWait(new ListItems("p", 3));
        ItemView record = testSubject.queryAndWait(new EchoItem("plain"));
        List<ItemView> list = testSubject.queryAndWait(new ItemList("listed", 2));
        Instant instant = testSubject.queryAndWait(new WhatInstant(1_700_000_000L));
        Color color = testSubject.queryAndWait(new PickColor("RED"));

        // then
        assertEquals(List.of(QueryModel.item("p0", "p"), QueryModel.item("p1", "p"), QueryModel.item("p2", "p")),
                multiple.data());
        assertEquals(QueryModel.item("echo", "plain"), record);
        assertEquals(List.of(QueryModel.item("0", "listed"), QueryModel.item("1", "listed")), list);
        assertEquals(ItemView.class, list.get(1).getClass());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 500), instant);
        assertEquals(Color.RED, color);
    }

    @Test
    void deliversAnEmptySingleAsAnAnswer() {
        // when
        Single<ItemView> answer = testSubject.queryAndWait(new FindNothing("none"));

        // then
        assertNotNull(answer);
        assertTrue(answer.isEmpty());
        assertNull(answer.data());
    }

    @Test
    void rethrowsTheHandlersOwnException() {
        // when
        ItemMissingException thrown = assertThrows(ItemMissingException.class,
                () -> testSubject.queryAndWait(new FailingQuery("42")));

        // then
        assertEquals("no item 42", thrown.getMessage());
    }

    @Test
    void refusesAnUnknownQueryAtOnce() {
        // given
        long start = System.nanoTime();

        // when
        HandlerNotFoundException thrown = assertThrows(HandlerNotFoundException.class,
                () -> testSubject.queryAndWait(new UnhandledQuery("x")));

        // then
        assertTrue(thrown.getMessage().startsWith("RECQ-01002"), thrown.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1_000);
    }

    @Test
    void timesOutAndDiscardsTheLateAnswer() throws Exception {
        // given
        long start = System.nanoTime();

        // when
        RequestTimeoutException thrown = assertThrows(RequestTimeoutException.class,
                () -> testSubject.queryAndWait(new SlowQuery(1_500), Metadata.empty(), Duration.ofMillis(300)));
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

        // then
        assertTrue(thrown.getMessage().startsWith("RECQ-01004"), thrown.getMessage());
        assertTrue(waited < 1_500, "waited " + waited + " ms");
        Thread.sleep(2_000); // the handler finishes; its answer must not pile up anywhere
        assertEquals(0, transport.replies().pendingCount());
        assertEquals(List.of(), recqMessagesIn("ExpiryQueue"));
        assertEquals(List.of(), recqMessagesIn("DLQ"));
        // the consumers still answer
        assertEquals("slept 1", testSubject.queryAndWait(new SlowQuery(1)));
    }

    @Test
    void letsAProjectionQueryAnotherProjection() {
        // when
        ItemView answer = testSubject.queryAndWait(new NestedQuery("n1"));

        // then
        assertEquals("outer", answer.id());
        assertEquals("n1", answer.echo());
        assertEquals("main-inner-n1", answer.detail().label());
    }

    @Test
    void nestedQueriesDoNotExhaustTheConsumerThreads() throws Exception {
        // given: more concurrent nested queries than query consumer threads
        List<CompletableFuture<ItemView>> answers = new ArrayList<>();

        // when
        for (int i = 0; i < 20; i++) {
            answers.add(testSubject.query(new NestedQuery("c" + i)));
        }

        // then
        for (int i = 0; i < 20; i++) {
            assertEquals("main-inner-c" + i, answers.get(i).get().detail().label());
        }
    }

    @Test
    void refusesACommandFromAProjection() {
        // when
        ForbiddenMessageException thrown = assertThrows(ForbiddenMessageException.class,
                () -> testSubject.queryAndWait(new CommandingQuery("c")));

        // then
        assertTrue(thrown.getMessage().startsWith("RECQ-01001"), thrown.getMessage());
    }

    @Test
    void answersFiveHundredConcurrentQueriesEachToItsOwnCaller() throws Exception {
        // given
        ExecutorService callers = Executors.newFixedThreadPool(16);
        List<Future<String>> results = new ArrayList<>();
        long start = System.nanoTime();

        // when
        try {
            for (int i = 0; i < 500; i++) {
                String unique = "caller-" + i + "-" + System.nanoTime();
                results.add(callers.submit(() -> {
                    ItemView answer = testSubject.queryAndWait(new EchoItem(unique));
                    return unique.equals(answer.echo()) && answer.detail().label().equals("main-" + unique)
                            ? "ok" : "mixed up: asked " + unique + ", got " + answer.echo();
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            LOG.info(() -> "500 concurrent queries from 16 threads answered in " + millis + " ms");

            // then
            assertEquals(Collections.nCopies(500, "ok"), outcomes);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void paysOneBrokerRoundTripPerQuery() {
        // given: warmed up
        for (int i = 0; i < 50; i++) {
            testSubject.queryAndWait(new EchoItem("warm-" + i));
        }
        int rounds = 300;
        long start = System.nanoTime();

        // when
        for (int i = 0; i < rounds; i++) {
            assertEquals("lat-" + i, testSubject.queryAndWait(new EchoItem("lat-" + i)).echo());
        }

        // then (measured, not asserted)
        double micros = (System.nanoTime() - start) / 1_000.0 / rounds;
        LOG.info(() -> String.format("RECQ query latency over the broker, one caller: %.0f us per query", micros));
    }

    @Test
    void answersAHandSentQueryForAnUnknownTypeWithHandlerNotFound() throws Exception {
        try (JMSContext context = connectionFactory.createContext()) {
            // given
            TemporaryQueue replies = context.createTemporaryQueue();
            TextMessage request = context.createTextMessage("{}");
            request.setStringProperty(MessageFormat.PAYLOAD, "NoSuchQuery");
            request.setStringProperty(MessageFormat.MESSAGE_ID, "hand-sent-1");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("hand-sent-1");

            // when
            context.createProducer().send(context.createTopic(transport.config().queryDestination("query-transport")), request);
            Message reply = context.createConsumer(replies).receive(5_000);

            // then
            assertNotNull(reply);
            assertEquals("hand-sent-1", reply.getJMSCorrelationID());
            assertEquals(MessageFormat.OUTCOME_FAILED, reply.getStringProperty(MessageFormat.OUTCOME));
            assertEquals(HandlerNotFoundException.class.getName(), reply.getStringProperty(MessageFormat.ERROR_CLASS));
            assertEquals("RECQ-01002", reply.getStringProperty(MessageFormat.ERROR_CODE));
        }
    }

    @Test
    void answersAHandSentQueryWithoutPayloadNameWithInvalidPayload() throws Exception {
        try (JMSContext context = connectionFactory.createContext()) {
            // given
            TemporaryQueue replies = context.createTemporaryQueue();
            TextMessage request = context.createTextMessage("{\"id\":\"x\"}");
            request.setStringProperty(MessageFormat.MESSAGE_ID, "hand-sent-2");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("hand-sent-2");

            // when
            context.createProducer().send(context.createTopic(transport.config().queryDestination("query-transport")), request);
            Message reply = context.createConsumer(replies).receive(5_000);

            // then
            assertNotNull(reply);
            assertEquals(InvalidPayloadException.class.getName(), reply.getStringProperty(MessageFormat.ERROR_CLASS));
            assertEquals("RECQ-01003", reply.getStringProperty(MessageFormat.ERROR_CODE));
        }
    }

    @Test
    void skipsAQueryWhoseCallerHasGivenUp() throws Exception {
        try (JMSContext context = connectionFactory.createContext()) {
            // given
            TemporaryQueue replies = context.createTemporaryQueue();
            TextMessage request = context.createTextMessage("{\"id\":\"late\"}");
            request.setStringProperty(MessageFormat.PAYLOAD, "FindItem");
            request.setStringProperty(MessageFormat.MESSAGE_ID, "hand-sent-3");
            request.setLongProperty(MessageFormat.DEADLINE, System.currentTimeMillis() - 1);
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("hand-sent-3");

            // when
            context.createProducer().send(context.createTopic(transport.config().queryDestination("query-transport")), request);

            // then
            assertNull(context.createConsumer(replies).receive(1_500));
        }
    }

    @Test
    void reportsTheBrokerReadyWithTheConnectionFactoryInItsData() {
        // when
        HealthCheckResponse response = readiness.call();

        // then
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus(), String.valueOf(response.getData()));
        assertEquals("recq-jms", response.getName());
        assertEquals("java:comp/DefaultJMSConnectionFactory",
                response.getData().orElseThrow().get("connection-factory"));
    }

    private List<String> recqMessagesIn(String queue) throws Exception {
        List<String> found = new ArrayList<>();
        try (JMSContext context = connectionFactory.createContext()) {
            QueueBrowser browser = context.createBrowser(context.createQueue(queue));
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements();) {
                Message message = (Message) e.nextElement();
                if (message.propertyExists(MessageFormat.OUTCOME) || message.propertyExists(MessageFormat.PAYLOAD)) {
                    found.add(message.toString());
                }
            }
        }
        return found;
    }
}
