package io.recq.bench.driver;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;

import io.recq.api.Metadata;
import io.recq.bench.account.AccountBalance;
import io.recq.bench.account.Deposited;
import io.recq.bench.baseline.BaselineHistory;
import io.recq.cdi.runtime.RecqRuntime;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.NewEvent;

/**
 * The history the RECQ replay reads: deposits stored directly through the store's SPI in the context
 * {@value BaselineHistory#CONTEXT}, on accounts no command touches, each with the metadata a command would
 * have given it. The live projector consumes another context, so the history only costs it nothing.
 */
@ApplicationScoped
public class RecqHistory {

    /** The replaying projectors of the replay deployments. */
    public static final java.util.List<String> REPLAY_PROJECTORS = java.util.List.of("ReplayProjector",
            "CountingReplayProjector");

    @Inject
    EventStore events;

    @Inject
    RecqRuntime runtime;

    @PersistenceContext(unitName = AccountBalance.UNIT)
    EntityManager entityManager;

    @Resource
    UserTransaction transaction;

    /**
     * @return how many history events are stored
     */
    public long count() {
        return ((Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM recq_events WHERE event_context = ?1")
                .setParameter(1, BaselineHistory.CONTEXT).getSingleResult()).longValue();
    }

    /**
     * @param count how many events to store
     * @param accounts over how many accounts, round-robin
     * @param batch events per transaction
     * @throws Exception when the store fails
     */
    public void seed(int count, int accounts, int batch) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int from = 0; from < count; from += batch) {
            List<NewEvent> page = new ArrayList<>(batch);
            for (int i = from; i < Math.min(count, from + batch); i++) {
                String account = "h-" + (i % accounts);
                String command = UUID.randomUUID().toString();
                Metadata metadata = Metadata.of(Metadata.CORRELATION_ID, command).with(Metadata.CAUSATION_ID, command);
                page.add(new NewEvent(account, i / accounts + 1, "Deposited",
                        runtime.codec().writePayload(new Deposited(account, 1 + i % 100, 0)),
                        BaselineHistory.CONTEXT, metadata, now));
            }
            transaction.begin();
            try {
                events.append(page);
                transaction.commit();
            } finally {
                if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    transaction.rollback();
                }
            }
        }
    }

    /**
     * Forgets the replay projectors' positions and read model, so that their next deployment replays again.
     * Call it while the replay deployment is not deployed.
     *
     * @throws Exception when the store fails
     */
    public void resetReplay() throws Exception {
        for (String projector : REPLAY_PROJECTORS) {
            try {
                inTransaction("DELETE FROM recq_consumers WHERE consumer_id LIKE '%:" + projector + ":%'");
            } catch (RuntimeException e) {
                // no consumer table: the event side is not deployed
            }
        }
        inTransaction("DELETE FROM bench_replay_balances");
    }

    private void inTransaction(String sql) throws Exception {
        transaction.begin();
        try {
            entityManager.createNativeQuery(sql).executeUpdate();
            transaction.commit();
        } finally {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        }
    }
}
