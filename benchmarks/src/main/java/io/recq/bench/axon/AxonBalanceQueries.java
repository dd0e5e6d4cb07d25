package io.recq.bench.axon;

import jakarta.persistence.EntityManager;

import org.axonframework.queryhandling.QueryHandler;

import io.recq.bench.axon.AxonMessages.Balance;
import io.recq.bench.axon.AxonMessages.FindBalance;

/**
 * Answers balance queries from {@link AxonBalance}.
 */
public class AxonBalanceQueries {

    private final EntityManager entityManager;

    /**
     * @param entityManager the read model's (container-managed, transaction-scoped)
     */
    public AxonBalanceQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @QueryHandler
    Balance find(FindBalance query) {
        AxonBalance balance = entityManager.find(AxonBalance.class, query.accountId());
        return balance == null ? null : new Balance(balance.getAccountId(), balance.getBalance(), balance.getDeposits());
    }
}
