package io.recq.cdi.it.broken;

import io.recq.api.CommandHandler;
import io.recq.api.Service;

/** A private handler: RECQ-00008. */
@Service
public class InvoiceService {

    @CommandHandler
    private void handle(SendInvoice command) {
    }
}
