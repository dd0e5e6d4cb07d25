package io.recq.api;

/**
 * No handler for the payload type is registered in the deployment (or on any node that consumes the
 * destination). Raised at once, never after a timeout.
 */
public class HandlerNotFoundException extends RecqException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     */
    public HandlerNotFoundException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public HandlerNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
