package io.recq.bench.axon;

import jakarta.persistence.EntityManager;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import io.recq.bench.axon.AxonMessages.HistoryDeposited;
import io.recq.bench.replay.ReplayMeter;

/**
 * Rebuilds the balances of the stored history; a processor new to the store, so it replays from the first
 * event.
 */
@ProcessingGroup(AxonReplayProjector.NAME)
public class AxonReplayProjector {

    /** The processor's name. */
    public static final String NAME = "AxonReplayProjector";

    private final EntityManager entityManager;
    private final ReplayMeter meter;

    /**
     * @param entityManager the read model's
     * @param meter counts the committed events
     */
    public AxonReplayProjector(EntityManager entityManager, ReplayMeter meter) {
        this.entityManager = entityManager;
        this.meter = meter;
    }

    @EventHandler
    void on(HistoryDeposited event) {
        AxonReplayBalance balance = entityManager.find(AxonReplayBalance.class, event.accountId());
        if (balance == null) {
            balance = new AxonReplayBalance(event.accountId());
            entityManager.persist(balance);
        }
        balance.deposit(event.amount());
        meter.handled();
    }
}
