package io.recq.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The dead event queue: events that a projector, saga or observer could not handle after its retries. The
 * consumer went on with the next event; each entry can be listed, retried (after the cause is fixed) and
 * deleted. Injectable with {@code @Inject}, for example into an operator's REST resource.
 */
public interface DeadEventQueue {

    /**
     * One dead event of one consumer.
     *
     * @param id the entry's id
     * @param consumer the consumer that failed ({@code Projector:TodoListProjector:v1:*}: kind, component,
     *        version, context)
     * @param sequence the event's position in the global order
     * @param eventType the event's logical name
     * @param handler the handler that failed ({@code com.acme.TodoListProjector#on(TodoAdded)})
     * @param errorClass the class of the last failure
     * @param errorMessage the message of the last failure
     * @param attempts how often the event was tried
     * @param deadSince when it was put into the queue
     * @param lastAttempt when it was last tried
     * @param stackTrace the stack trace of the last failure, or {@code null} when it was not kept
     */
    record Entry(long id, String consumer, long sequence, String eventType, String handler, String errorClass,
            String errorMessage, int attempts, Instant deadSince, Instant lastAttempt, String stackTrace) {

        /** An entry without a stack trace. */
        public Entry(long id, String consumer, long sequence, String eventType, String handler, String errorClass,
                String errorMessage, int attempts, Instant deadSince, Instant lastAttempt) {
            this(id, consumer, sequence, eventType, handler, errorClass, errorMessage, attempts, deadSince,
                    lastAttempt, null);
        }
    }

    /**
     * @param consumer a consumer ({@link Entry#consumer()}), or {@code null} for all
     * @param max the largest number of entries to return
     * @return entries, oldest event first
     */
    List<Entry> list(String consumer, int max);

    /**
     * @param id an entry's id
     * @return that entry
     */
    Optional<Entry> find(long id);

    /**
     * Handles the event again with the consumer's handler: a projector's or saga's effect commits together
     * with the removal of the entry; an observer's entry is removed after its handler succeeds. A failure
     * leaves the entry, with the new failure and one more attempt. When the consumer is not part of this
     * deployment (an operator's tool, another service), the service that runs it is asked to retry, and the
     * outcome is awaited ({@code recq.dead-events.request-timeout-ms}).
     *
     * @param id an entry's id
     * @return {@code true} when the event was handled and the entry removed, {@code false} when it failed again
     * @throws HandlerNotFoundException when there is no such entry, or no running service has its consumer (for
     *         example after its version was raised)
     * @throws RequestTimeoutException when the service that runs the consumer did not retry it in time: the
     *         retry stays asked for
     */
    boolean retry(long id);

    /**
     * Removes an entry without handling its event.
     *
     * @param id an entry's id
     * @return whether the entry existed
     */
    boolean delete(long id);
}
