package io.recq.cdi.spi;

import io.recq.api.RecqException;

/**
 * The store could not complete an operation now, but may on a later attempt: the database is unreachable,
 * a lock wait timed out, or a concurrent transaction wrote the same key. Thrown out of
 * {@link CommandProcessor#process}, it makes the transport roll back so that the command is delivered
 * again; it never reaches the sender of the command.
 */
public class TransientStoreException extends RecqException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public TransientStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what went wrong, where, and how to fix it
     */
    public TransientStoreException(String message) {
        super(message);
    }
}
