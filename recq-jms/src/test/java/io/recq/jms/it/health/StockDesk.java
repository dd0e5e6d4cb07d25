package io.recq.jms.it.health;

import jakarta.ejb.Stateless;

/** An EJB the projection asks: handlers run on the transport's threads and call the application's EJBs. */
@Stateless
public class StockDesk {

    public int onHand(String sku) {
        return sku.length();
    }
}
