package io.recq.cdi.spi;

/**
 * Another transaction stored the same (aggregate id, version), the same idempotency key or the same
 * snapshot at the same time. Transient: the command is handled again on its next delivery, against the
 * state the other transaction committed.
 */
public class ConcurrentAppendException extends TransientStoreException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public ConcurrentAppendException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what went wrong, where, and how to fix it
     */
    public ConcurrentAppendException(String message) {
        super(message);
    }
}
