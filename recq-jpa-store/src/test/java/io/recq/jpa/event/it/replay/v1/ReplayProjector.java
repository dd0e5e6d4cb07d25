package io.recq.jpa.event.it.replay.v1;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.recq.api.EventHandler;
import io.recq.api.EventMessage;
import io.recq.api.Projector;
import io.recq.jpa.event.it.RecqArchives;
import io.recq.jpa.event.it.replay.BalanceV1;
import io.recq.jpa.event.it.replay.Deposited;

/** Version 1 of the replay test's projector. */
@Projector(version = 1, contexts = Deposited.CONTEXT)
public class ReplayProjector {

    @PersistenceContext(unitName = RecqArchives.READ_MODEL_UNIT)
    EntityManager entityManager;

    @EventHandler
    void on(Deposited deposited, EventMessage<Deposited> message) {
        BalanceV1 balance = entityManager.find(BalanceV1.class, deposited.account());
        if (balance == null) {
            balance = new BalanceV1();
            balance.account = deposited.account();
            entityManager.persist(balance);
        }
        balance.deposit(deposited.amount(), message.sequence());
    }
}
