package io.recq.bench.replay;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.recq.api.EventHandler;
import io.recq.api.Projector;
import io.recq.bench.account.Deposited;

/**
 * Rebuilds the balances of the stored history; new when deployed, so it replays from the first event.
 */
@Projector(contexts = "history")
public class ReplayProjector {

    @PersistenceContext(unitName = ReplayBalance.UNIT)
    EntityManager entityManager;

    @Inject
    ReplayMeter meter;

    @EventHandler
    void on(Deposited event) {
        ReplayBalance balance = entityManager.find(ReplayBalance.class, event.accountId());
        if (balance == null) {
            balance = new ReplayBalance(event.accountId());
            entityManager.persist(balance);
        }
        balance.deposit(event.amount());
        meter.handled();
    }
}
