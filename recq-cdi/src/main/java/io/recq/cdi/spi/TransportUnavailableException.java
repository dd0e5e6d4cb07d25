package io.recq.cdi.spi;

import io.recq.api.RecqException;

/**
 * The transport cannot be used now: the broker cannot be reached, or the transport is not started or is
 * stopping. Transient ({@link TransientFailures}): work that failed with it is retried later, never
 * dead-lettered for it. A gateway's caller receives it as the {@link RecqException} it is.
 */
public class TransportUnavailableException extends RecqException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause the broker's failure, or {@code null}
     */
    public TransportUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
