package io.recq.cdi.spi;

import java.util.List;

/**
 * What handling one command came to, for the transport to publish and reply within the same transaction.
 *
 * @param resultName the logical name of the result (the first event produced), or {@code null} for none
 * @param resultJson the result's JSON, or {@code null} for none
 * @param failure the handler's own exception, or a RECQ exception (lifecycle, invalid payload): nothing was
 *        stored, the command is consumed, and the caller receives the failure; {@code null} on success
 * @param events the events stored for this command, in order, to be published
 */
public record CommandOutcome(String resultName, String resultJson, Throwable failure, List<StoredEvent> events) {

    public CommandOutcome {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * @param failure what the caller receives
     * @return an outcome that stored nothing
     */
    public static CommandOutcome failed(Throwable failure) {
        return new CommandOutcome(null, null, failure, List.of());
    }

    /**
     * @return whether the command succeeded
     */
    public boolean succeeded() {
        return failure == null;
    }
}
