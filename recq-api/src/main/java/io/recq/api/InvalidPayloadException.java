package io.recq.api;

/**
 * The payload could not be serialised or read: it is not a registered payload type, a required field such as
 * the aggregate id is missing, it is malformed or too large. Nothing was stored.
 */
public class InvalidPayloadException extends RecqException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     */
    public InvalidPayloadException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public InvalidPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
