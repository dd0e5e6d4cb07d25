package io.recq.cdi.spi;

import java.util.List;

import io.recq.cdi.serialization.Values;

/**
 * What handling one command came to, for the transport to publish and reply within the same transaction.
 *
 * @param resultName the logical name of the result (the first event produced), or {@code null} for none
 * @param resultJson the result's JSON, or {@code null} for none
 * @param failure the handler's own exception, or a RECQ exception (lifecycle, invalid payload): nothing was
 *        stored, the command is consumed, and the caller receives the failure; {@code null} on success
 * @param events the events stored for this command, in order, to be published
 * @param result the result as the handler made it, when it is a value ({@link Values#isValue}), which a caller
 *        in this JVM may receive instead of a copy read from {@code resultJson}; {@code null} otherwise
 */
public record CommandOutcome(String resultName, String resultJson, Throwable failure, List<StoredEvent> events,
        Object result) {

    public CommandOutcome {
        events = events == null ? List.of() : List.copyOf(events);
        if (result != null && !Values.isValue(result.getClass())) {
            throw new IllegalArgumentException(result.getClass().getName() + " is not a value: its JSON is read");
        }
    }

    /**
     * An outcome whose result, if any, is read from its JSON.
     */
    public CommandOutcome(String resultName, String resultJson, Throwable failure, List<StoredEvent> events) {
        this(resultName, resultJson, failure, events, null);
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
