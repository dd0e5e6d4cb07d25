package io.recq.jpa.event.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.recq.api.Metadata;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.ConsumerPosition;
import io.recq.cdi.spi.LeaseLostException;
import io.recq.cdi.spi.NewEvent;
import io.recq.jpa.StoreDatabase;
import io.recq.jpa.event.ConsumerTables;
import io.recq.jpa.event.JpaEventStore;

/**
 * Positions and leases of event consumers, with two nodes ({@code node-a}, {@code node-b}) claiming the same
 * consumer, each with its own clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JpaConsumerStoreContract {

    private static final String CONSUMER = "Projector:TodoListProjector:v1:*";
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final StoreDatabase database;

    JpaConsumerStoreContract(StoreDatabase.Kind kind) {
        this.database = StoreDatabase.create(kind);
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyStore() {
        ConsumerTables.clear(database);
    }

    private <T> T at(Instant now, java.util.function.Function<JpaConsumerStore, T> work) {
        return database.inTransaction(em -> work.apply(new JpaConsumerStore(em, Clock.fixed(now, ZoneOffset.UTC))));
    }

    private Optional<Long> claim(String node, Instant now, long initial) {
        return at(now, store -> store.claim(CONSUMER, node, now.plus(LEASE), initial));
    }

    private void advance(String node, Instant now, long from, long to) {
        at(now, store -> {
            store.advance(CONSUMER, node, from, to, now.plus(LEASE), true);
            return null;
        });
    }

    private ConsumerPosition stored() {
        return at(T0, store -> store.positions().stream().filter(p -> p.consumerId().equals(CONSUMER))
                .findFirst().orElseThrow());
    }

    @Test
    void createsANewConsumerAtItsInitialPositionForItsClaimant() {
        // when
        Optional<Long> position = claim("node-a", T0, 42);

        // then
        assertThat(position).contains(42L);
        assertThat(stored().owner()).isEqualTo("node-a");
        assertThat(stored().leaseUntil()).isEqualTo(T0.plus(LEASE));
    }

    @Test
    void refusesASecondClaimantWhileTheLeaseIsValid() {
        // given
        claim("node-a", T0, 0);

        // when
        Optional<Long> second = claim("node-b", T0.plusSeconds(29), 0);

        // then
        assertThat(second).isEmpty();
        assertThat(stored().owner()).isEqualTo("node-a");
    }

    @Test
    void letsTheHolderClaimAgain() {
        // given
        claim("node-a", T0, 0);
        advance("node-a", T0.plusSeconds(1), 0, 7);

        // when
        Optional<Long> again = claim("node-a", T0.plusSeconds(2), 0);

        // then
        assertThat(again).contains(7L);
    }

    @Test
    void secondClaimantTakesOverAtTheCommittedPositionOnceTheLeaseHasExpired() {
        // given
        claim("node-a", T0, 0);
        advance("node-a", T0.plusSeconds(10), 0, 5);

        // when: node-a's last renewal was at +10 s, so its lease ends at +40 s
        Optional<Long> tooEarly = claim("node-b", T0.plusSeconds(39), 0);
        Optional<Long> taken = claim("node-b", T0.plusSeconds(41), 0);

        // then
        assertThat(tooEarly).isEmpty();
        assertThat(taken).contains(5L);
        assertThat(stored().owner()).isEqualTo("node-b");
    }

    @Test
    void formerHolderCannotMoveThePositionAfterATakeOver() {
        // given
        claim("node-a", T0, 0);
        claim("node-b", T0.plusSeconds(31), 0);

        // when / then
        assertThatThrownBy(() -> advance("node-a", T0.plusSeconds(32), 0, 3))
                .isInstanceOf(LeaseLostException.class)
                .hasMessageContaining(ErrorCode.LEASE_LOST.code());
        assertThat(stored().position()).isZero();
        assertThat(stored().owner()).isEqualTo("node-b");
    }

    @Test
    void refusesToMoveAPositionThatIsNotWhereTheHolderLeftIt() {
        // given
        claim("node-a", T0, 0);
        advance("node-a", T0, 0, 4);

        // when / then: a stale view of the position (0) cannot commit the same events a second time
        assertThatThrownBy(() -> advance("node-a", T0, 0, 4)).isInstanceOf(LeaseLostException.class);
        assertThat(stored().position()).isEqualTo(4);
    }

    @Test
    void renewsOnlyAHeldLease() {
        // given
        claim("node-a", T0, 0);

        // when
        boolean renewedByHolder = at(T0.plusSeconds(20), s -> s.renew(CONSUMER, "node-a", T0.plusSeconds(50)));
        boolean renewedByOther = at(T0.plusSeconds(20), s -> s.renew(CONSUMER, "node-b", T0.plusSeconds(50)));

        // then
        assertThat(renewedByHolder).isTrue();
        assertThat(renewedByOther).isFalse();
        assertThat(claim("node-b", T0.plusSeconds(45), 0)).isEmpty();
    }

    @Test
    void releasedLeaseIsTakenOverAtOnce() {
        // given
        claim("node-a", T0, 0);
        advance("node-a", T0, 0, 9);

        // when
        at(T0.plusSeconds(1), s -> {
            s.release(CONSUMER, "node-a");
            return null;
        });
        Optional<Long> taken = claim("node-b", T0.plusSeconds(2), 0);

        // then
        assertThat(taken).contains(9L);
    }

    @Test
    void claimWaitsForTheHoldersOpenTransactionAndSeesItsCommittedPosition() throws Exception {
        // given: node-a moves the position in a transaction it keeps open
        claim("node-a", T0, 0);
        EntityManager holder = database.entityManager();
        EntityTransaction holding = holder.getTransaction();
        holding.begin();
        new JpaConsumerStore(holder, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC))
                .advance(CONSUMER, "node-a", 0, 12, T0.plusSeconds(90), true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // when: node-b sees the old lease as expired and claims meanwhile
            Future<Optional<Long>> claimed = pool.submit(() -> claim("node-b", T0.plusSeconds(61), 0));
            Thread.sleep(300);
            boolean waited = !claimed.isDone();
            holding.commit();
            holder.close();

            // then: the claim waited for the commit, and found node-a's renewed lease and new position
            assertThat(waited).isTrue();
            assertThat(claimed.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(stored().position()).isEqualTo(12);
            assertThat(stored().owner()).isEqualTo("node-a");
        } finally {
            if (holding.isActive()) {
                holding.rollback();
            }
            pool.shutdownNow();
        }
    }

    @Test
    void ofManyNodesClaimingAtOnceExactlyOneWins() throws Exception {
        // given
        int nodes = 6;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Long>>> claims = new ArrayList<>();

        // when
        for (int n = 0; n < nodes; n++) {
            String node = "node-" + n;
            claims.add(pool.submit(() -> {
                start.await();
                for (int attempt = 0; ; attempt++) {
                    try {
                        return claim(node, T0, 0);
                    } catch (RuntimeException e) {
                        // two nodes creating the consumer's row at once: one insert fails, that node tries again
                        if (attempt > 5) {
                            throw e;
                        }
                    }
                }
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Optional<Long>> claimed : claims) {
            if (claimed.get(30, TimeUnit.SECONDS).isPresent()) {
                winners++;
            }
        }
        pool.shutdown();

        // then
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void headIsTheHighestCommittedSequence() {
        // given
        long empty = at(T0, JpaConsumerStore::head);
        database.inTransaction(em -> new JpaEventStore(em).append(List.of(
                new NewEvent("a-1", 1, "Created", "{}", "default", Metadata.empty(), T0),
                new NewEvent("a-1", 2, "Renamed", "{}", "default", Metadata.empty(), T0))));

        // when
        long head = at(T0, JpaConsumerStore::head);

        // then
        assertThat(empty).isZero();
        assertThat(head).isEqualTo(2);
    }

    @Test
    void remembersHandledEventsUntilThePositionPassesThem() {
        // given
        claim("node-a", T0, 0);
        at(T0, s -> {
            s.markHandled(CONSUMER, 2);
            s.markHandled(CONSUMER, 2);
            s.markHandled(CONSUMER, 5);
            return null;
        });

        // when
        advance("node-a", T0, 0, 3);

        // then
        boolean passed = at(T0, s -> s.isHandled(CONSUMER, 2));
        boolean ahead = at(T0, s -> s.isHandled(CONSUMER, 5));
        boolean otherConsumer = at(T0, s -> s.isHandled("Observer:Other:v1:*", 5));
        assertThat(passed).isFalse();
        assertThat(ahead).isTrue();
        assertThat(otherConsumer).isFalse();
    }

    @Test
    void keepsHandledEventsWhenNotAskedToForgetThem() {
        // given
        claim("node-a", T0, 0);
        at(T0, s -> {
            s.markHandled(CONSUMER, 2);
            return null;
        });

        // when
        at(T0, s -> {
            s.advance(CONSUMER, "node-a", 0, 3, T0.plus(LEASE), false);
            return null;
        });

        // then
        boolean kept = at(T0, s -> s.isHandled(CONSUMER, 2));
        long position = stored().position();
        assertThat(kept).isTrue();
        assertThat(position).isEqualTo(3);
    }

    @Test
    void aResetMovesThePositionBackAndStopsTheHolder() {
        // given
        claim("node-a", T0, 0);
        advance("node-a", T0.plusSeconds(1), 0, 5);

        // when
        Optional<Long> before = at(T0.plusSeconds(2), store -> store.reset(CONSUMER, 2));
        Optional<Long> nobody = at(T0.plusSeconds(2), store -> store.reset("Projector:Nobody:v1:*", 0));

        // then: the holder's next move fails, and the next claim, its own or another node's, goes on from 2
        assertThat(before).contains(5L);
        assertThat(nobody).isEmpty();
        assertThat(stored().position()).isEqualTo(2);
        assertThat(stored().owner()).isNull();
        assertThatThrownBy(() -> advance("node-a", T0.plusSeconds(3), 5, 6)).isInstanceOf(LeaseLostException.class);
        assertThat(claim("node-b", T0.plusSeconds(3), 0)).contains(2L);
    }
}
