package io.recq.api;

/**
 * No result arrived within the timeout. The outcome is unknown: the command may still be handled.
 */
public class RequestTimeoutException extends RecqException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     */
    public RequestTimeoutException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public RequestTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
