package io.recq.jms.it.health;

import jakarta.inject.Inject;

import io.recq.api.Projection;
import io.recq.api.QueryHandler;

/**
 * The read side of the health deployments: one query handler, so that the transport runs query consumers as
 * a real application's would.
 */
@Projection
public class StockProjection {

    @Inject
    StockDesk desk;

    @QueryHandler
    Integer count(CountStock query) {
        return desk.onHand(query.sku());
    }
}
