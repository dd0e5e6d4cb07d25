package io.recq.api;

/**
 * The root of every exception RECQ raises. All RECQ exceptions are unchecked, and every gateway call
 * throws them directly, never wrapped in {@link java.util.concurrent.ExecutionException}.
 */
public class RecqException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     */
    public RecqException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public RecqException(String message, Throwable cause) {
        super(message, cause);
    }
}
