package io.recq.example.todolist.it;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.recq.api.CommandHandler;
import io.recq.api.Service;

/**
 * Handles {@link ProbeCommand}: while commands are broken its transaction can never commit, so that the command
 * ends in the service's dead-letter queue; mended, it counts the command.
 */
@Service
public class ProbeCommands {

    @CommandHandler
    void handle(ProbeCommand command) {
        if (ProbeSwitch.commandsBroken) {
            CDI.current().select(TransactionSynchronizationRegistry.class).get().setRollbackOnly();
            return;
        }
        ProbeSwitch.commands.incrementAndGet();
    }
}
