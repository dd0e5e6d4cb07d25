package io.recq.test;

import java.util.Objects;

import io.recq.api.Command;
import io.recq.api.Metadata;

/**
 * A command a handler sent during a fixture's {@code when}, recorded instead of dispatched.
 *
 * @param command the command as its handler would read it (after the JSON-B round trip)
 * @param metadata the metadata it would travel with: the sender's explicit metadata over the handled
 *        message's metadata, with {@link Metadata#CORRELATION_ID} and {@link Metadata#CAUSATION_ID}
 */
public record RecordedCommand(Command command, Metadata metadata) {

    public RecordedCommand {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(metadata, "metadata");
    }
}
