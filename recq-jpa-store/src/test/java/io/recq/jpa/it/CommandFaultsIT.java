package io.recq.jpa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.recq.jpa.it.StoreArchives.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.transaction.UserTransaction;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.recq.api.CommandGateway;
import io.recq.api.Metadata;
import io.recq.api.RecqException;
import io.recq.api.RequestTimeoutException;
import io.recq.cdi.spi.CommandOutbox;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.OutgoingCommand;
import io.recq.cdi.spi.StoredEvent;
import io.recq.jms.health.ConsumersLivenessCheck;

/**
 * What failures leave behind on the command path, in WildFly on H2 or PostgreSQL ({@link DefaultDataSourceSetup}),
 * with the server's default non-XA datasource: a command runs once however often it is delivered, even when
 * its caller stopped waiting; a handler that throws leaves nothing; transient failures are retried, never
 * dead-lettered; an {@link Error} does not end the consumers; a command nobody waits for that cannot be
 * read is dead-lettered; a command a dead node left in the outbox is forwarded by the sweep.
 *
 * <p>In-container assertions use JUnit's own {@code Assertions}: AssertJ is not packaged.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
class CommandFaultsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static WebArchive deployment() {
        return StoreArchives.war("recq-command-faults-it", CommandFaultsIT.class, Faults.class)
                .addClasses(Faults.class.getDeclaredClasses());
    }

    @Inject
    CommandGateway commandGateway;

    @Inject
    EventStore eventStore;

    @Inject
    CommandOutbox outbox;

    @Inject
    @Liveness
    ConsumersLivenessCheck liveness;

    @Inject
    UserTransaction transaction;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Inject
    io.recq.cdi.service.ServiceRegistry serviceRegistry;

    /** The names the transport gives its destinations on this broker. */
    @Inject
    io.recq.jms.JmsConfig jmsConfig;

    @Inject
    io.recq.jms.JmsTransport transport;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private <R> R send(Object command) {
        return commandGateway.sendAndWait((io.recq.api.Command) command, Metadata.empty(), WAIT);
    }

    @Test
    void runsACommandOnceAfterItsCallerStoppedWaiting() throws Exception {
        // given: a tally whose next command is held in its handler
        String tally = id("late");
        send(new Faults.OpenTally(tally));
        CountDownLatch gate = new CountDownLatch(1);
        Faults.GATES.put(tally, gate);
        CompletableFuture<Object> held = commandGateway.send(new Faults.AddWhenReleased(tally, 1));

        // when: the next command's caller gives up long before the tally is free again
        assertThrows(RequestTimeoutException.class, () -> commandGateway.sendAndWait(new Faults.Add(tally, 5),
                Metadata.empty(), Duration.ofMillis(500)));
        gate.countDown();
        held.get(1, TimeUnit.MINUTES);

        // then: it still ran, once
        await("the late command runs", () -> eventStore.load(tally, 0).size() >= 3);
        Faults.Added after = send(new Faults.Add(tally, 100));
        assertEquals(106, after.total());
        assertEquals(4, eventStore.load(tally, 0).size());
    }

    @Test
    void answersACommandDeliveredTwiceFromTheInboxInsteadOfRunningItAgain() throws Exception {
        // given
        String tally = id("twice");
        send(new Faults.OpenTally(tally));
        String messageId = UUID.randomUUID().toString();

        // when: the same command message arrives twice, as after a crash between the store's commit and the
        // broker's acknowledgement, or a repeated forward from an outbox; each delivery asks for a reply, so both
        // are known to be handled (in order where the broker groups them, at once on two consumers where not)
        List<TextMessage> replies;
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue answers = context.createTemporaryQueue();
            for (int i = 0; i < 2; i++) {
                sendRaw("Add", "{\"aggregateId\":\"" + tally + "\",\"amount\":5}", messageId, tally, answers);
            }
            replies = new ArrayList<>();
            try (JMSConsumer consumer = context.createConsumer(answers)) {
                for (int i = 0; i < 2; i++) {
                    Message reply = consumer.receive(TimeUnit.SECONDS.toMillis(60));
                    assertTrue(reply instanceof TextMessage, "no answer to delivery " + (i + 1) + ": " + reply);
                    replies.add((TextMessage) reply);
                }
            }
        }
        // a probe, handled after both
        Faults.Added probe = send(new Faults.Add(tally, 1));

        // then: both deliveries answered with the one result, which the store holds once
        for (TextMessage reply : replies) {
            assertEquals(messageId, reply.getJMSCorrelationID());
            assertEquals("ok", reply.getStringProperty("recq_outcome"), reply.getText());
            assertTrue(reply.getText().contains("\"total\":5"), reply.getText());
        }
        assertEquals(6, probe.total());
        List<StoredEvent> events = eventStore.load(tally, 0);
        assertEquals(3, events.size(), String.valueOf(events));
        assertTrue(events.get(2).json().contains("\"total\":6"), events.get(2).json());
    }

    @Test
    void leavesNeitherWritesNorSentCommandsBehindWhenTheHandlerThrows() throws Exception {
        // given
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS faults_marks (marker VARCHAR(255) NOT NULL)");
        }
        String marker = id("write-then-fail");

        // when
        Faults.Refused refused = assertThrows(Faults.Refused.class, () -> send(new Faults.WriteThenFail(marker)));

        // then: the caller has the handler's exception; its row and its command are gone with its transaction
        assertEquals("refused " + marker + " after writing", refused.getMessage());
        assertFalse(marked(marker), "the handler's write was committed with its failure");
        Faults.TallyOpened opened = send(new Faults.OpenTally("sent-by-" + marker));
        assertEquals("sent-by-" + marker, opened.aggregateId());
        assertEquals(1, eventStore.load("sent-by-" + marker, 0).size());
    }

    @Test
    void retriesATransientFailureAsLongAsItLastsWithoutDeadLetteringTheCommand() {
        // given: more failures in a row than recq.command.max-deliveries (5)
        String marker = id("flaky");

        // when
        Faults.Done done = send(new Faults.Flaky(marker, 7));

        // then
        assertEquals(new Faults.Done(marker), done);
        assertEquals(8, Faults.TRIES.get(marker).get());
    }

    @Test
    void keepsConsumingAfterAHandlerThrowsAnError() throws Exception {
        // given
        String marker = id("overflow");

        // when
        RecqException failure = assertThrows(RecqException.class, () -> send(new Faults.Overflow(marker)));

        // then: tried max-deliveries times, dead-lettered, and every consumer still runs
        assertTrue(failure.getMessage().contains("RECQ-01102"), failure.getMessage());
        assertEquals(5, Faults.TRIES.get(marker).get());
        assertTrue(deadLettered(marker), "the failing command is not in the dead-letter queue");
        String tally = id("after-overflow");
        send(new Faults.OpenTally(tally));
        List<CompletableFuture<Object>> adds = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            adds.add(commandGateway.send(new Faults.Add(tally, 1)));
        }
        CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
        assertEquals(17, eventStore.load(tally, 0).size());
        assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus(), String.valueOf(liveness.call()));
    }

    @Test
    void keepsConsumingAfterAHandlerLeftADeadConnectionOpenOnItsThread() throws Exception {
        // given: a handler on a consumer's thread (through the queue) left open a connection that died beneath
        String marker = id("leak");
        sendRaw("LeakDeadConnection", "{\"marker\":\"" + marker + "\"}", UUID.randomUUID().toString(), null);
        await("the connection left open", () -> Faults.TRIES.containsKey(marker));

        // when: commands of many aggregates go through the queue, to every consumer
        List<String> tallies = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String tally = id("after-leak");
            tallies.add(tally);
            sendRaw("OpenTally", "{\"aggregateId\":\"" + tally + "\"}", UUID.randomUUID().toString(), tally);
        }

        // then: every one is handled; none waits for the dead connection
        await("every tally opened", () -> tallies.stream().allMatch(t -> !eventStore.load(t, 0).isEmpty()));
    }

    @Test
    void goesOnWithOtherAggregatesCommandsWhileACommandFailsPermanently() throws Exception {
        // given: a command whose transaction can never commit, failing for the first time
        String marker = id("fragile");
        Faults.BROKEN.add(marker);
        CompletableFuture<Object> poison = commandGateway.send(new Faults.Fragile(marker));
        await("the fragile command is tried", () -> Faults.TRIES.containsKey(marker));

        // when: commands of another aggregate, sent meanwhile
        String tally = id("beside-fragile");
        send(new Faults.OpenTally(tally));
        List<CompletableFuture<Object>> adds = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            adds.add(commandGateway.send(new Faults.Add(tally, 1)));
        }
        CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);

        // then: they did not wait for the failing command's tries (250 ms doubling: 3.75 s for the five)
        int triesMeanwhile = Faults.TRIES.get(marker).get();
        assertTrue(triesMeanwhile < 5, "the other commands waited for all " + triesMeanwhile + " tries");
        assertFalse(poison.isDone(), "the failing command was answered before the other commands");
        RecqException failure = assertThrows(RecqException.class, () -> unwrap(poison));
        assertTrue(failure.getMessage().contains("RECQ-01102"), failure.getMessage());
        assertEquals(5, Faults.TRIES.get(marker).get());
        assertTrue(deadLettered(marker), "the failing command is not in the dead-letter queue");
        assertEquals(33, eventStore.load(tally, 0).size());
    }

    @Test
    void keepsADeadLetterOnTheQueueWhateverTheConsumersSentBeforeItInTheSameTransaction() throws Exception {
        // given: other commands, handled in the same consumer transactions as the failing one's tries, whose
        // replies live at most 2 s (their callers wait 2 s); a producer setting must not outlive its own send
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String tally = id("short-wait");
            send(new Faults.OpenTally(tally));
            Thread caller = new Thread(() -> {
                while (loading.get()) {
                    try {
                        commandGateway.sendAndWait(new Faults.Add(tally, 1), Metadata.empty(), Duration.ofSeconds(2));
                    } catch (RuntimeException e) {
                        // a late answer: only the failing command's fate is checked
                    }
                }
            });
            caller.start();
            callers.add(caller);
        }
        String marker = id("fragile-among-others");
        Faults.BROKEN.add(marker);

        // when
        RecqException failure;
        try {
            failure = assertThrows(RecqException.class, () -> send(new Faults.Fragile(marker)));
        } finally {
            loading.set(false);
            for (Thread caller : callers) {
                caller.join(10_000);
            }
        }
        Thread.sleep(5_000); // longer than any time-to-live those replies had

        // then: dead-lettered after its five tries, and still on the dead-letter queue, not expired
        assertTrue(failure.getMessage().contains("RECQ-01102"), failure.getMessage());
        assertEquals(5, Faults.TRIES.get(marker).get());
        assertTrue(deadLettered(marker), "the dead letter left the dead-letter queue (expired with a reply's "
                + "time-to-live?)");
    }

    private static Object unwrap(CompletableFuture<Object> future) throws Throwable {
        try {
            return future.get(1, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    @Test
    void deadLettersACommandNobodyWaitsForThatCannotBeRead() throws Exception {
        // given
        String notJson = UUID.randomUUID().toString();
        String noAggregate = UUID.randomUUID().toString();

        // when: sent without a reply-to, as a saga's command forwarded by another node is
        sendRaw("Add", "{ not json", notJson, null);
        sendRaw("Add", "{\"amount\":3}", noAggregate, null);

        // then
        assertTrue(deadLettered(notJson), "a command whose body is not JSON disappeared");
        assertTrue(deadLettered(noAggregate), "a command without aggregate id disappeared");
    }

    @Test
    void forwardsACommandThatADeadNodeLeftInTheOutbox() throws Exception {
        // given: a committed outbox row whose node died before forwarding it
        String tally = id("orphan");
        transaction.begin();
        outbox.add(new OutgoingCommand(UUID.randomUUID().toString(), "OpenTally",
                "{\"aggregateId\":\"" + tally + "\"}", tally, Metadata.empty(), Instant.now().minusSeconds(60)));
        transaction.commit();

        // when: the sweep runs (every recq.command.outbox-sweep-interval-ms)
        await("the swept command runs", () -> eventStore.load(tally, 0).size() == 1);

        // then
        List<StoredEvent> events = eventStore.load(tally, 0);
        assertEquals("TallyOpened", events.get(0).payloadName());
        await("the outbox is emptied", () -> countOutbox() == 0);
    }

    @Test
    void forwardsAfterACommitOnlyTheCommandsTheOutboxHolds() throws Exception {
        // given: a handler's transaction commits without its outgoing command in the outbox, as when the
        // transaction manager reports a commit whose outcome it does not know as committed
        String tally = id("unwritten");

        // when
        send(new Faults.SendThenUnwrite(tally));

        // then: the command is not forwarded, and nothing runs it
        Thread.sleep(3_000);
        assertEquals(0, eventStore.load(tally, 0).size(), "a command its outbox does not hold was forwarded");
    }

    private long countOutbox() {
        try {
            return outbox.count();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void sendRaw(String payload, String body, String messageId, String group) throws Exception {
        sendRaw(payload, body, messageId, group, null);
    }

    private void sendRaw(String payload, String body, String messageId, String group, Destination replyTo)
            throws Exception {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TextMessage message = context.createTextMessage(body);
            if (replyTo != null) {
                message.setJMSReplyTo(replyTo);
            }
            message.setStringProperty("recq_payload", payload);
            message.setStringProperty("recq_message_id", messageId);
            message.setStringProperty("recq_metadata", "{}");
            if (group != null) {
                message.setStringProperty("recq_routing_key", group);
                message.setStringProperty("JMSXGroupID", group);
            }
            context.createProducer().send(context.createTopic(jmsConfig.commandDestination(
                    serviceRegistry.serviceName())), message);
        }
    }

    private boolean marked(String marker) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM faults_marks WHERE marker = ?")) {
            query.setString(1, marker);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    /**
     * @param messageId a command's message id, or a marker in its body
     * @return whether the command reached the dead-letter queue within 30 s
     */
    private boolean deadLettered(String messageId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            while (System.nanoTime() < deadline) {
                try (QueueBrowser browser = context.createBrowser(transport.deadLetterQueue(context))) {
                    for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements();) {
                        Message m = (Message) e.nextElement();
                        if (messageId.equals(m.getStringProperty("recq_message_id")) || m instanceof TextMessage text
                                && text.getText() != null && text.getText().contains(messageId)) {
                            return true;
                        }
                    }
                }
                Thread.sleep(200);
            }
        }
        return false;
    }

}
