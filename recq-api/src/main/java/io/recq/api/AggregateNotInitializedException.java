package io.recq.api;

/**
 * A command other than an {@code init} command reached an aggregate instance that does not exist.
 */
public class AggregateNotInitializedException extends RecqException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     */
    public AggregateNotInitializedException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public AggregateNotInitializedException(String message, Throwable cause) {
        super(message, cause);
    }
}
