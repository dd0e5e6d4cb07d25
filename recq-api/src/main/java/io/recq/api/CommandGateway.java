package io.recq.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends commands to their one handler, wherever it runs, and returns the result once the handler's
 * transaction has committed. Injectable with {@code @Inject} anywhere in a deployment; inside a handler,
 * declare it as a handler parameter to have the handled message's metadata copied (correlation).
 *
 * <p>The future completes with the event the command produced (the first one, when an aggregate handler
 * returns several; {@code null} for a {@code void} service handler), or exceptionally with the handler's
 * own exception, {@link HandlerNotFoundException}, {@link RequestTimeoutException},
 * {@link InvalidPayloadException} or one of the aggregate lifecycle exceptions.
 */
public interface CommandGateway {

    /**
     * Sends a command with no metadata and the configured default timeout.
     *
     * @param command the command
     * @param <R> the type of the result
     * @return the result, once committed
     */
    <R> CompletableFuture<R> send(Command command);

    /**
     * Sends a command with metadata and the configured default timeout.
     *
     * @param command the command
     * @param metadata the metadata, copied onto the events produced
     * @param <R> the type of the result
     * @return the result, once committed
     */
    <R> CompletableFuture<R> send(Command command, Metadata metadata);

    /**
     * Sends a command.
     *
     * @param command the command
     * @param metadata the metadata, copied onto the events produced
     * @param timeout how long to wait for the result before the future fails with
     *        {@link RequestTimeoutException} (the outcome is then unknown)
     * @param <R> the type of the result
     * @return the result, once committed
     */
    <R> CompletableFuture<R> send(Command command, Metadata metadata, Duration timeout);

    /**
     * Sends a command and waits for the result with the configured default timeout.
     *
     * @param command the command
     * @param <R> the type of the result
     * @return the result, once committed
     * @throws RuntimeException the handler's own exception or a {@link RecqException}, never wrapped
     */
    <R> R sendAndWait(Command command);

    /**
     * Sends a command and waits for the result.
     *
     * @param command the command
     * @param metadata the metadata, copied onto the events produced
     * @param timeout how long to wait
     * @param <R> the type of the result
     * @return the result, once committed
     * @throws RuntimeException the handler's own exception or a {@link RecqException}, never wrapped
     */
    <R> R sendAndWait(Command command, Metadata metadata, Duration timeout);
}
