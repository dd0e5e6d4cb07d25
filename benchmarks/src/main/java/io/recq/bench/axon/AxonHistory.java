package io.recq.bench.axon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import io.recq.bench.account.AccountBalance;
import io.recq.bench.axon.AxonMessages.HistoryDeposited;
import io.recq.bench.replay.ReplayMeter;

/**
 * The Axon application's stored history and its replay. The history is stored through Axon's event storage
 * engine, with the metadata Axon gives an event of a command (correlation and trace id). A replay is a
 * tracking processor new to the store, in an Axon configuration of its own started for the replay and shut
 * down after it: it starts at the first event, as a new projector deployed beside a running application does,
 * taking up to {@value #REPLAY_BATCH} events per transaction and per read (RECQ's
 * {@code recq.event.replay-batch-size}).
 */
@ApplicationScoped
public class AxonHistory {

    /** Most events per transaction, and per read of the event store, of a replaying processor. */
    public static final int REPLAY_BATCH = 2_000;
    private static final String AGGREGATE_TYPE = AxonAccount.class.getSimpleName();

    @Inject
    AxonApplication axon;

    @PersistenceContext(unitName = AxonApplication.UNIT)
    EntityManager axonEntityManager;

    @PersistenceContext(unitName = AccountBalance.UNIT)
    EntityManager readModel;

    @Resource
    UserTransaction transaction;

    @Resource
    TransactionSynchronizationRegistry synchronizations;

    /**
     * @return how many history events are stored
     */
    public long count() {
        return axonEntityManager.createQuery("SELECT COUNT(e) FROM DomainEventEntry e WHERE e.payloadType = :type",
                Long.class).setParameter("type", HistoryDeposited.class.getName()).getSingleResult();
    }

    /**
     * Stores deposits round-robin on {@code accounts} history accounts, in transactions of {@code batch}.
     *
     * @param count how many
     * @param accounts over how many accounts
     * @param batch events per transaction
     * @throws Exception when the store fails
     */
    public void seed(int count, int accounts, int batch) throws Exception {
        for (int from = 0; from < count; from += batch) {
            List<DomainEventMessage<?>> page = new ArrayList<>(batch);
            for (int i = from; i < Math.min(count, from + batch); i++) {
                String account = "h-" + (i % accounts);
                String command = UUID.randomUUID().toString();
                MetaData metaData = MetaData.with("correlationId", command).and("traceId", command);
                page.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, account, i / accounts,
                        new HistoryDeposited(account, 1 + i % 100, 0), metaData));
            }
            transaction.begin();
            try {
                axon.storage().appendEvents(page);
                transaction.commit();
            } finally {
                rollbackIfActive();
            }
        }
    }

    /**
     * Replays the history from the first event with a new tracking processor, and forgets it afterwards.
     *
     * @param readModel whether the events update {@link AxonReplayBalance} or are only counted
     * @param history how many history events the replay must commit
     * @param timeoutMs how long to wait for it
     * @return the events committed, the transactions, and the time from the first handled event to the last
     *         commit, or {@code null} on timeout
     * @throws Exception when the store fails
     */
    public ReplayResult replay(boolean readModel, long history, long timeoutMs) throws Exception {
        String name = readModel ? AxonReplayProjector.NAME : AxonCountingReplayProjector.NAME;
        forget(name);
        ReplayMeter meter = new ReplayMeter(synchronizations);
        AxonThreads threads = axon.threads();
        Configuration replay = axon.configurer("axon-replay", REPLAY_BATCH, threads, processing -> processing
                .registerTrackingEventProcessor(name, Configuration::eventStore, c -> axon.processor(name,
                        REPLAY_BATCH, threads))
                .registerEventHandler(c -> readModel ? new AxonReplayProjector(this.readModel, meter)
                        : new AxonCountingReplayProjector(meter)))
                .buildConfiguration();
        replay.start();
        try {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000;
            while (meter.committed() < history) {
                if (System.nanoTime() > deadline) {
                    return null;
                }
                Thread.sleep(20);
            }
            return new ReplayResult(meter.committed(), meter.transactions(), meter.elapsedNanos());
        } finally {
            replay.shutdown();
            threads.awaitTermination(Duration.ofSeconds(10));
            forget(name);
        }
    }

    /**
     * What a replay did.
     *
     * @param committed events committed
     * @param transactions transactions that committed events
     * @param elapsedNanos from the first handled event to the last commit
     */
    public record ReplayResult(long committed, long transactions, long elapsedNanos) {
    }

    private void forget(String processor) throws Exception {
        transaction.begin();
        try {
            axonEntityManager.createQuery("DELETE FROM TokenEntry t WHERE t.processorName = :name")
                    .setParameter("name", processor).executeUpdate();
            readModel.createQuery("DELETE FROM AxonReplayBalance").executeUpdate();
            transaction.commit();
        } finally {
            rollbackIfActive();
        }
    }

    private void rollbackIfActive() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (Exception e) {
            // nothing more to undo
        }
    }
}
