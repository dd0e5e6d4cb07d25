package io.recq.jpa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.api.AggregateNotInitializedException;
import io.recq.api.CommandGateway;
import io.recq.api.Metadata;
import io.recq.cdi.spi.EventStore;

/**
 * Commands an invoker sends to a handler of its own deployment run in its JVM, without a broker round trip
 * ({@code recq.command.local-dispatch}, on by default), in WildFly on H2 or PostgreSQL: one aggregate's
 * commands in the order they were sent, the commands waiting in a lane in one transaction and each answered
 * on its own, and a command that cannot complete here is carried by the command queue and still takes effect
 * once.
 *
 * <p>In-container assertions use JUnit's own {@code Assertions}: AssertJ is not packaged.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
class LocalCommandsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CONSUMER_THREAD = "recq-command-consumer-";

    @Deployment
    static WebArchive deployment() {
        return StoreArchives.war("recq-local-commands-it", LocalCommandsIT.class, Faults.class)
                .addClasses(Faults.class.getDeclaredClasses());
    }

    @Inject
    CommandGateway commandGateway;

    @Inject
    EventStore eventStore;

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void runsAnInvokersCommandsInItsJvmOneAggregateAtATimeInTheOrderSent() throws Exception {
        // given
        String tally = id("local");
        commandGateway.sendAndWait(new Faults.OpenTally(tally), Metadata.empty(), WAIT);

        // when: 50 additions sent without waiting for each other
        List<CompletableFuture<Faults.Added>> adds = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            adds.add(commandGateway.send(new Faults.Add(tally, i)));
        }
        CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);

        // then: applied in the order sent, each once, and none by a consumer of the command queue
        long total = 0;
        for (int i = 1; i <= 50; i++) {
            total += i;
            assertEquals(total, adds.get(i - 1).get().total(), "the running total after the addition of " + i);
        }
        assertEquals(51, eventStore.load(tally, 0).size());
        Set<String> threads = Faults.THREADS.get(tally);
        assertFalse(threads.stream().anyMatch(name -> name.startsWith(CONSUMER_THREAD)),
                "handled by the queue's consumers: " + threads);
    }

    @Test
    void handsAValueCommandAndItsValueResultOverAsTheyAreAndCopiesAnythingElseThroughJson() throws Exception {
        String marker = id("stamp");
        Faults.Stamp stamp = new Faults.Stamp(marker, 42);

        Faults.Stamped stamped = commandGateway.sendAndWait(stamp, Metadata.empty(), WAIT);

        assertSame(stamp, Faults.RECEIVED.get(marker), "a record of immutable components needs no copy");
        assertSame(Faults.RETURNED.get(marker), stamped);
        assertTrue(eventStore.read(0, Integer.MAX_VALUE).stream()
                .anyMatch(e -> e.json().contains(marker) && e.json().contains("42")), "the event is stored as always");

        String other = id("scribble");
        Faults.Scribble scribble = new Faults.Scribble(other, new ArrayList<>(List.of("sender")));

        Faults.Scribbled scribbled = commandGateway.sendAndWait(scribble, Metadata.empty(), WAIT);

        assertNotSame(scribble, Faults.RECEIVED.get(other), "a command holding a list is a copy");
        assertEquals(List.of("sender"), scribble.getLines(), "the handler's change did not reach the sender");
        assertNotSame(Faults.RETURNED.get(other), scribbled);
        assertEquals(List.of("sender", "handler"), scribbled.lines());
    }

    @Test
    void answersEachCommandOfABatchOnItsOwnWhenOneOfThemFails() throws Exception {
        // given: two tallies whose ids hash alike, so that their commands share a lane, one of them never opened
        String suffix = UUID.randomUUID().toString();
        String open = "Aa-" + suffix;
        String missing = "BB-" + suffix;
        assertEquals(open.hashCode(), missing.hashCode());
        commandGateway.sendAndWait(new Faults.OpenTally(open), Metadata.empty(), WAIT);
        CountDownLatch gate = new CountDownLatch(1);
        Faults.GATES.put(open, gate);

        // when: the lane is held while more commands wait behind it, then released to take them as one batch
        CompletableFuture<Faults.Added> held = commandGateway.send(new Faults.AddWhenReleased(open, 1));
        CompletableFuture<Faults.Added> second = commandGateway.send(new Faults.Add(open, 2));
        CompletableFuture<Faults.Added> refused = commandGateway.send(new Faults.Add(missing, 5));
        CompletableFuture<Faults.Added> third = commandGateway.send(new Faults.Add(open, 3));
        gate.countDown();

        // then: the failing command's caller hears of its failure, the others' of their success, each once
        assertEquals(1, held.get(1, TimeUnit.MINUTES).total());
        assertEquals(3, second.get(1, TimeUnit.MINUTES).total());
        assertEquals(6, third.get(1, TimeUnit.MINUTES).total());
        ExecutionException failure = assertThrows(ExecutionException.class, () -> refused.get(1, TimeUnit.MINUTES));
        assertInstanceOf(AggregateNotInitializedException.class, failure.getCause());
        assertEquals(4, eventStore.load(open, 0).size());
        assertTrue(eventStore.load(missing, 0).isEmpty());
    }

    @Test
    void decidesOnTheStoredAggregateWhenTheQueueMovedItOnSinceTheLaneKeptIt() throws Exception {
        // given: a tally its lane keeps at a total of 1, then moved on to 11 by a command from the queue
        String tally = id("kept");
        commandGateway.sendAndWait(new Faults.OpenTally(tally), Metadata.empty(), WAIT);
        assertEquals(1, commandGateway.<Faults.Added>sendAndWait(new Faults.Add(tally, 1), Metadata.empty(), WAIT)
                .total());
        commandGateway.sendAndWait(new Faults.AddThroughQueue(tally, 10), Metadata.empty(), WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (eventStore.load(tally, 0).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(3, eventStore.load(tally, 0).size(), "the queue's command was not handled");

        // when
        Faults.Added added = commandGateway.sendAndWait(new Faults.Add(tally, 100), Metadata.empty(), WAIT);

        // then: the kept instance was refused by the version check, and the stored one decided
        assertEquals(111, added.total());
        assertEquals(4, eventStore.load(tally, 0).size());
    }

    @Test
    void decidesARefusalOnTheStoredAggregateWhenTheQueueMovedItOnSinceTheLaneKeptIt() throws Exception {
        // given: a tally its lane keeps at a total of 1, then moved on to 11 by a command from the queue
        String tally = id("kept-refusal");
        commandGateway.sendAndWait(new Faults.OpenTally(tally), Metadata.empty(), WAIT);
        commandGateway.sendAndWait(new Faults.Add(tally, 1), Metadata.empty(), WAIT);
        commandGateway.sendAndWait(new Faults.AddThroughQueue(tally, 10), Metadata.empty(), WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (eventStore.load(tally, 0).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(3, eventStore.load(tally, 0).size(), "the queue's command was not handled");

        // when: a command the kept instance (total 1) would refuse, and the stored one (total 11) accepts
        Faults.Added taken = commandGateway.sendAndWait(new Faults.Take(tally, 5), Metadata.empty(), WAIT);

        // then
        assertEquals(6, taken.total());
        assertEquals(4, eventStore.load(tally, 0).size());
    }

    @Test
    void decidesANoOpOnTheStoredAggregateWhenTheQueueMovedItOnSinceTheLaneKeptIt() throws Exception {
        // given: a tally its lane keeps at a total of 1, then moved on to 11 by a command from the queue
        String tally = id("kept-no-op");
        commandGateway.sendAndWait(new Faults.OpenTally(tally), Metadata.empty(), WAIT);
        commandGateway.sendAndWait(new Faults.Add(tally, 1), Metadata.empty(), WAIT);
        commandGateway.sendAndWait(new Faults.AddThroughQueue(tally, 10), Metadata.empty(), WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (eventStore.load(tally, 0).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(3, eventStore.load(tally, 0).size(), "the queue's command was not handled");

        // when: a command that does nothing on the kept instance (total 1), and adds on the stored one (11)
        Faults.Added added = commandGateway.sendAndWait(new Faults.AddWhenAbove(tally, 2, 5), Metadata.empty(), WAIT);

        // then
        assertNotNull(added, "the command was decided on the kept instance, which the queue's command had moved on from");
        assertEquals(13, added.total());
        assertEquals(4, eventStore.load(tally, 0).size());
    }

    @Test
    void handsACommandThatFailsTransientlyHereToTheQueueWhereItTakesEffectOnce() {
        // given: a command whose first three tries meet an unreachable database
        String marker = id("flaky-local");

        // when
        Faults.Done done = commandGateway.sendAndWait(new Faults.Flaky(marker, 3), Metadata.empty(), WAIT);

        // then: tried here once, then by a consumer of the command queue until it succeeded
        assertEquals(new Faults.Done(marker), done);
        assertEquals(4, Faults.TRIES.get(marker).get());
        Set<String> threads = Faults.THREADS.get(marker);
        assertTrue(threads.stream().allMatch(name -> name.startsWith(CONSUMER_THREAD)),
                "the successful try did not run on a consumer of the queue: " + threads);
    }
}
