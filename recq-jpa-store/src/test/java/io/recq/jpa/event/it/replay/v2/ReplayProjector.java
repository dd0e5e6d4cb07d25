package io.recq.jpa.event.it.replay.v2;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.recq.api.EventHandler;
import io.recq.api.EventMessage;
import io.recq.api.Projector;
import io.recq.api.ProjectorStatus;
import io.recq.jpa.event.it.RecqArchives;
import io.recq.jpa.event.it.replay.BalanceV2;
import io.recq.jpa.event.it.replay.Deposited;
import io.recq.jpa.event.it.replay.Gate;

/** Version 2 of the replay test's projector: the same read model, in a new table. */
@Projector(version = 2, contexts = Deposited.CONTEXT)
public class ReplayProjector {

    @PersistenceContext(unitName = RecqArchives.READ_MODEL_UNIT)
    EntityManager entityManager;

    @Inject
    Gate gate;

    @EventHandler
    void on(Deposited deposited, EventMessage<Deposited> message, ProjectorStatus status)
            throws InterruptedException {
        if (!gate.open().await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gate stayed closed");
        }
        BalanceV2 balance = entityManager.find(BalanceV2.class, deposited.account());
        if (balance == null) {
            balance = new BalanceV2();
            balance.account = deposited.account();
            entityManager.persist(balance);
        }
        balance.deposit(deposited.amount(), message.sequence());
        Gate.handled(!status.isHeadReached());
    }
}
