package io.recq.jpa.it;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;

import io.recq.api.Command;
import io.recq.api.Metadata;
import io.recq.cdi.runtime.RecqRuntime;
import io.recq.cdi.serialization.PayloadCodec;
import io.recq.cdi.spi.CommandOutcome;
import io.recq.cdi.spi.CommandProcessor;
import io.recq.cdi.spi.IncomingCommand;

/**
 * Delivers commands to the {@link CommandProcessor} as a transactional consumer does: one JTA transaction
 * per delivery, rolled back and delivered again when {@code process} throws.
 */
@ApplicationScoped
public class CommandDelivery {

    static final int MAX_DELIVERIES = 200;

    @Inject
    CommandProcessor processor;

    @Inject
    RecqRuntime runtime;

    @Inject
    UserTransaction transaction;

    final AtomicInteger redeliveries = new AtomicInteger();

    public IncomingCommand incoming(Command command, Metadata metadata) {
        return new IncomingCommand(UUID.randomUUID().toString(), PayloadCodec.logicalName(command),
                runtime.codec().writePayload(command), null, metadata, Instant.now(), 1);
    }

    public CommandOutcome deliver(Command command) {
        return deliver(incoming(command, Metadata.empty()));
    }

    public CommandOutcome deliver(IncomingCommand command) {
        RuntimeException last = null;
        for (int delivery = 1; delivery <= MAX_DELIVERIES; delivery++) {
            IncomingCommand attempt = new IncomingCommand(command.messageId(), command.payloadName(), command.json(),
                    command.routingKey(), command.metadata(), command.timestamp(), delivery);
            try {
                return consume(attempt);
            } catch (RuntimeException e) {
                last = e;
                redeliveries.incrementAndGet();
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 + Math.min(delivery, 20)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    private CommandOutcome consume(IncomingCommand command) {
        try {
            transaction.begin();
            CommandOutcome outcome = processor.process(command);
            transaction.commit();
            return outcome;
        } catch (RuntimeException e) {
            rollback();
            throw e;
        } catch (Exception e) {
            rollback();
            throw new IllegalStateException(e);
        }
    }

    private void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
