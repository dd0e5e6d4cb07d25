package io.recq.api;

/**
 * A component tried to send a kind of message its type may not send, according to the RECQ capability
 * table: aggregates and services send commands only; projections and projectors send queries only; sagas,
 * observers and invokers send both.
 */
public class ForbiddenMessageException extends RecqException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     */
    public ForbiddenMessageException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public ForbiddenMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
