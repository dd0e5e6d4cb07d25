package io.recq.cdi.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An event that one consumer could not handle after its retries, as the store holds it.
 *
 * @param id the entry's id, assigned by the store (0 before it is stored)
 * @param consumerId the consumer that failed ({@code Projector:TodoListProjector:v1:*})
 * @param sequence the event's global sequence
 * @param payloadName the event's logical name
 * @param handler the handler that failed ({@code com.acme.X#on(TodoAdded)})
 * @param errorClass the class of the last failure
 * @param errorMessage the message of the last failure
 * @param attempts how often the event was tried
 * @param deadSince when the event was put into the queue
 * @param lastAttempt when it was last tried
 * @param errorTrace the stack trace of the last failure, or {@code null}
 */
public record DeadEvent(long id, String consumerId, long sequence, String payloadName, String handler,
        String errorClass, String errorMessage, int attempts, Instant deadSince, Instant lastAttempt,
        String errorTrace) {

    /** A dead event without a stack trace. */
    public DeadEvent(long id, String consumerId, long sequence, String payloadName, String handler,
            String errorClass, String errorMessage, int attempts, Instant deadSince, Instant lastAttempt) {
        this(id, consumerId, sequence, payloadName, handler, errorClass, errorMessage, attempts, deadSince,
                lastAttempt, null);
    }

    /**
     * @param failure a failure
     * @return its stack trace with its causes, as {@link Throwable#printStackTrace()} writes it
     */
    public static String trace(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    public DeadEvent {
        Objects.requireNonNull(consumerId, "consumerId");
        Objects.requireNonNull(payloadName, "payloadName");
        Objects.requireNonNull(deadSince, "deadSince");
        Objects.requireNonNull(lastAttempt, "lastAttempt");
    }
}
