package io.recq.cdi.spi;

/**
 * Handles one received command: implemented by the runtime ({@code recq-cdi}), called by the transport
 * inside the JTA transaction that consumes the command message. The transport publishes the outcome's
 * events and sends the reply in the same transaction, so the caller hears of the result only after commit.
 */
public interface CommandProcessor {

    /**
     * @param command the received command
     * @return the outcome: events stored and the result, or the failure to report (nothing stored)
     * @throws RuntimeException a transient failure (store unavailable, concurrent append conflict): the
     *         transport rolls the transaction back so that the command is delivered again
     */
    CommandOutcome process(IncomingCommand command);

    /**
     * Handles a command with aggregate instances the caller keeps between commands: an instance found in the
     * cache is not loaded from the store. Implementations that keep nothing ignore the cache.
     *
     * @param command the received command
     * @param cache the caller's aggregate instances, or {@code null}
     * @return as {@link #process(IncomingCommand)}
     */
    default CommandOutcome process(IncomingCommand command, AggregateCache cache) {
        return process(command);
    }
}
