package io.recq.jms.it.health;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import io.recq.api.QueryGateway;

/**
 * An EJB with container-managed transactions that sends a query: its calls run in a JTA transaction, where
 * {@code java:comp/UserTransaction} is refused.
 */
@Stateless
public class StockCounter {

    @Inject
    QueryGateway queries;

    public Object count(String sku) {
        return queries.queryAndWait(new CountStock(sku));
    }
}
