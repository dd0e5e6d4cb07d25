package io.recq.crash.account;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.recq.api.EventHandler;
import io.recq.api.Projector;

/**
 * Keeps {@link AccountBalance} up to date with the account events, in the transaction that moves the
 * projector's position: each event is counted exactly once, so the table must equal a replay of the store.
 */
@Projector(contexts = AccountOpened.CONTEXT)
public class AccountProjector {

    @PersistenceContext(unitName = AccountBalance.UNIT)
    EntityManager entityManager;

    @EventHandler
    void on(AccountOpened event) {
        balance(event.accountId());
    }

    @EventHandler
    void on(Deposited event) {
        balance(event.accountId()).deposit(event.amount());
    }

    private AccountBalance balance(String accountId) {
        AccountBalance balance = entityManager.find(AccountBalance.class, accountId);
        if (balance == null) {
            balance = new AccountBalance(accountId);
            entityManager.persist(balance);
        }
        return balance;
    }
}
