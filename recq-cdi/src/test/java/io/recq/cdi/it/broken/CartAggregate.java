package io.recq.cdi.it.broken;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;

/** No init handler: RECQ-00006. */
@Aggregate
public class CartAggregate {

    @AggregateCommandHandler
    public ItemAdded handle(AddItem command) {
        return new ItemAdded(command.cartId(), command.item());
    }
}
