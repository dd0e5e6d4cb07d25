package io.recq.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The dead command queue: commands that failed the same permanent way on every try (a transaction that
 * can never commit, an error in the handler's runtime), and commands nobody waits for that cannot be read or
 * handled. Nothing was stored for any of them. Each entry can be listed, inspected, retried (after the cause
 * is fixed) and deleted. Injectable with {@code @Inject}, for example into an operator's REST resource.
 * Transient failures (a database or broker outage) never put a command here.
 */
public interface DeadCommandQueue {

    /**
     * One dead command.
     *
     * @param messageId the command's message id (the same when it is retried)
     * @param commandType the command's logical name (its simple class name)
     * @param routingKey the aggregate id or service lock id it was addressed to, or {@code null}
     * @param metadata the metadata it was sent with
     * @param json the command's JSON, as sent (or the body that could not be read)
     * @param reason why it was moved here: how often it failed, and the last failure
     * @param deliveries how often it was tried before it was moved here
     * @param sentAt when it was sent, or {@code null} when the message did not say
     * @param deadSince when it was moved here
     */
    record Entry(String messageId, String commandType, String routingKey, Metadata metadata, String json,
            String reason, int deliveries, Instant sentAt, Instant deadSince) {
    }

    /**
     * @param max the largest number of entries to return
     * @return entries, oldest first
     */
    List<Entry> list(int max);

    /**
     * @param messageId a command's message id
     * @return its entry, when it is in the queue
     */
    Optional<Entry> find(String messageId);

    /**
     * Sends the command again, with the same message id, routing key, metadata and body, and removes it from
     * the queue, both at once. It is handled like any other command (once: a command handled before is
     * answered from its record); nobody waits for its reply, and a failure is logged or dead-lettered again.
     *
     * @param messageId a command's message id
     * @return whether it was in the queue
     */
    boolean retry(String messageId);

    /**
     * The dead command queue of another service of the system (one that shares this store and broker), for an
     * operator's tool: its entries are listed, retried (sent to that service again) and deleted as this
     * deployment's own are.
     *
     * @param name a service's name, as {@link Catalog#services()} lists it
     * @return that service's queue; this one for this deployment's own name
     * @throws HandlerNotFoundException when no running instance of that service has said where its dead commands
     *         are kept
     */
    DeadCommandQueue service(String name);

    /**
     * Removes a command from the queue without handling it.
     *
     * @param messageId a command's message id
     * @return whether it was in the queue
     */
    boolean delete(String messageId);
}
