package io.recq.cdi.it.broken;

import io.recq.api.ServiceCommand;

public record SendInvoice(String cartId) implements ServiceCommand {
}
