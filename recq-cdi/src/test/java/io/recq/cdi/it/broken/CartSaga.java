package io.recq.cdi.it.broken;

import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;

/** An association property that the event does not have: RECQ-00011. */
@Saga
public class CartSaga {

    @SagaEventHandler(init = true, associationProperty = "basketId")
    public CartState on(ItemAdded event) {
        return new CartState();
    }
}
