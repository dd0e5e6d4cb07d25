package io.recq.bench.account;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.recq.api.EventHandler;
import io.recq.api.Projector;
import io.recq.bench.probe.CommitProbe;

/**
 * Keeps {@link AccountBalance} up to date with the account events, in the transaction that moves the
 * projector's position.
 */
@Projector(contexts = AccountOpened.CONTEXT)
public class AccountProjector {

    @PersistenceContext(unitName = AccountBalance.UNIT)
    EntityManager entityManager;

    @Inject
    CommitProbe probe;

    @EventHandler
    void on(AccountOpened event) {
        if (entityManager.find(AccountBalance.class, event.accountId()) == null) {
            entityManager.persist(new AccountBalance(event.accountId()));
        }
    }

    @EventHandler
    void on(Deposited event) {
        AccountBalance balance = entityManager.find(AccountBalance.class, event.accountId());
        if (balance == null) {
            balance = new AccountBalance(event.accountId());
            entityManager.persist(balance);
        }
        balance.deposit(event.amount());
        probe.onProjectionCommit(event.ticket());
    }
}
