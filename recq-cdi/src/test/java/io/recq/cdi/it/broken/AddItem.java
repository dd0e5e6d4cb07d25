package io.recq.cdi.it.broken;

import io.recq.api.DomainCommand;

public record AddItem(String cartId, String item) implements DomainCommand {

    @Override
    public String aggregateId() {
        return cartId;
    }
}
