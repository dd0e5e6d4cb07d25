package io.recq.cdi.it.broken;

import io.recq.api.EventHandler;
import io.recq.api.Projector;

/** A parameter that cannot be supplied: RECQ-00002. */
@Projector
public class CartProjector {

    @EventHandler
    public void on(ItemAdded event, StringBuilder buffer) {
    }
}
