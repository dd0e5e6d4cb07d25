package io.recq.api;

/**
 * An {@code init} command reached an aggregate instance that already exists.
 */
public class AggregateAlreadyInitializedException extends RecqException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     */
    public AggregateAlreadyInitializedException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public AggregateAlreadyInitializedException(String message, Throwable cause) {
        super(message, cause);
    }
}
