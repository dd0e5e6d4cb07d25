package io.recq.api;

/**
 * A command reached an aggregate instance that has been deleted ({@link AggregateState#isDeleted()}).
 */
public class AggregateDeletedException extends RecqException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     */
    public AggregateDeletedException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public AggregateDeletedException(String message, Throwable cause) {
        super(message, cause);
    }
}
