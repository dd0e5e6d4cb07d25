package io.recq.jpa.event.it.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.api.Metadata;
import io.recq.jpa.event.consumer.EventConsumersReadiness;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.NewEvent;
import io.recq.jpa.event.it.RecqArchives;
import io.recq.jpa.it.DefaultDataSourceSetup;

/**
 * Replay: version 1 of a projector projects 10,000 events as they are stored; the application is then
 * redeployed with version 2 of the projector, which replays the stream from the first event into a fresh
 * read model that must equal the first one. Version 2 is gating: readiness is DOWN while it replays. The
 * replay rate is printed, not asserted.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

    static final int EVENTS = 10_000;
    static final int ACCOUNTS = 100;
    static final String VERSION_2 = "Projector:ReplayProjector:v2:" + Deposited.CONTEXT;

    @Deployment(name = "v1", managed = false)
    static WebArchive version1() {
        return RecqArchives.war("replay-v1", "", Deposited.class, BalanceV1.class, BalanceV2.class, Gate.class,
                io.recq.jpa.event.it.replay.v1.ReplayProjector.class);
    }

    @Deployment(name = "v2", managed = false)
    static WebArchive version2() {
        return RecqArchives.war("replay-v2", "recq.projector.ReplayProjector.gating=true\n", Deposited.class,
                BalanceV1.class, BalanceV2.class, Gate.class, io.recq.jpa.event.it.replay.v2.ReplayProjector.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Inject
    EventStore eventStore;

    @Inject
    UserTransaction transaction;

    @Inject
    Gate gate;

    @Inject
    @Readiness
    EventConsumersReadiness readiness;

    @PersistenceContext(unitName = RecqArchives.READ_MODEL_UNIT)
    EntityManager entityManager;

    @Test
    @Order(1)
    @RunAsClient
    void deployVersion1() {
        deployer.deploy("v1");
    }

    @Test
    @Order(2)
    @OperateOnDeployment("v1")
    void version1ProjectsTheEventsAsTheyAreStored() throws Exception {
        // given
        long started = System.nanoTime();

        // when
        for (int batch = 0; batch < EVENTS / 500; batch++) {
            transaction.begin();
            List<NewEvent> events = new ArrayList<>(500);
            for (int i = batch * 500; i < (batch + 1) * 500; i++) {
                events.add(new NewEvent(null, 0, "Deposited", "{\"account\":\"acc-" + (i % ACCOUNTS)
                        + "\",\"amount\":" + (1 + i % 7) + "}", Deposited.CONTEXT, Metadata.empty(), Instant.now()));
            }
            eventStore.append(events);
            transaction.commit();
        }
        RecqArchives.await(Duration.ofSeconds(120), "version 1 projects " + EVENTS + " events",
                () -> deposits("BalanceV1") == EVENTS);

        // then
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("ReplayIT: version 1 stored and projected %d events in %.2f s (%.0f events/s)%n", EVENTS,
                seconds, EVENTS / seconds);
        assertEquals(ACCOUNTS, accounts("BalanceV1"));
    }

    @Test
    @Order(3)
    @RunAsClient
    void redeployWithVersion2() {
        deployer.undeploy("v1");
        deployer.deploy("v2");
    }

    @Test
    @Order(4)
    @OperateOnDeployment("v2")
    void version2ReplaysIntoAnEqualReadModelWhileReadinessIsDown() throws Exception {
        // given: version 2 is held at its first event
        RecqArchives.await(Duration.ofSeconds(10), "version 2 holds its lease",
                () -> "REPLAYING".equals(readiness.call().getData().orElseThrow().get(VERSION_2 + ".phase")));
        HealthCheckResponse whileReplaying = readiness.call();

        // when
        gate.open().countDown();
        RecqArchives.await(Duration.ofSeconds(120), "version 2 replays " + EVENTS + " events",
                () -> deposits("BalanceV2") == EVENTS);
        HealthCheckResponse afterReplay = readiness.call();

        // then
        double seconds = (Gate.LAST.get() - Gate.FIRST.get()) / 1e9;
        System.out.printf("ReplayIT: version 2 replayed %d events in %.3f s: %.0f events/s%n", Gate.HANDLED.get(),
                seconds, Gate.HANDLED.get() / seconds);
        assertEquals(HealthCheckResponse.Status.DOWN, whileReplaying.getStatus());
        assertEquals(VERSION_2, whileReplaying.getData().orElseThrow().get("replaying"));
        assertEquals(HealthCheckResponse.Status.UP, afterReplay.getStatus(), afterReplay.getData().toString());
        assertEquals(EVENTS, Gate.HANDLED.get());
        assertTrue(Gate.REPLAY_FLAGS.get() > 0, "handlers saw ProjectorStatus.isHeadReached() false");
        assertEquals(ACCOUNTS, accounts("BalanceV2"));
        String columns = "account, total, deposits, lastSequence";
        List<?> onlyInV1 = entityManager.createNativeQuery("SELECT " + columns + " FROM it_replay_v1 EXCEPT SELECT "
                + columns + " FROM it_replay_v2").getResultList();
        List<?> onlyInV2 = entityManager.createNativeQuery("SELECT " + columns + " FROM it_replay_v2 EXCEPT SELECT "
                + columns + " FROM it_replay_v1").getResultList();
        assertTrue(onlyInV1.isEmpty() && onlyInV2.isEmpty(), "the rebuilt read model equals the original");
        Object[] version1 = (Object[]) entityManager.createNativeQuery("SELECT last_sequence, owner_node FROM "
                + "recq_consumers WHERE consumer_id = 'Projector:ReplayProjector:v1:" + Deposited.CONTEXT + "'")
                .getSingleResult();
        assertTrue(((Number) version1[0]).longValue() >= EVENTS, "version 1 kept its position");
        assertEquals(null, version1[1], "version 1 released its lease when it was undeployed");
    }

    @Test
    @Order(5)
    @RunAsClient
    void undeployVersion2() {
        deployer.undeploy("v2");
    }

    private long deposits(String entity) {
        Long sum = entityManager.createQuery("SELECT SUM(b.deposits) FROM " + entity + " b", Long.class)
                .getSingleResult();
        return sum == null ? 0 : sum;
    }

    private long accounts(String entity) {
        return entityManager.createQuery("SELECT COUNT(b) FROM " + entity + " b", Long.class).getSingleResult();
    }
}
