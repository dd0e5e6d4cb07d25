package io.recq.bench.account;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.recq.api.Projection;
import io.recq.api.QueryHandler;
import io.recq.api.Single;

/**
 * Answers balance queries from {@link AccountBalance}.
 */
@Projection
public class AccountProjection {

    @PersistenceContext(unitName = AccountBalance.UNIT)
    EntityManager entityManager;

    @QueryHandler
    Single<BalanceView> find(FindBalance query) {
        AccountBalance balance = entityManager.find(AccountBalance.class, query.accountId());
        return balance == null ? Single.empty()
                : Single.of(new BalanceView(balance.getAccountId(), balance.getBalance(), balance.getDeposits()));
    }
}
