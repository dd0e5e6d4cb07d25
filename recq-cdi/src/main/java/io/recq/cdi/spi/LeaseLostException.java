package io.recq.cdi.spi;

/**
 * A node tried to move the position of an event consumer whose lease it no longer holds, or whose position
 * another node has moved meanwhile. The transaction must roll back; the node stops processing that consumer
 * until it can claim it again. Transient: nothing is lost, the new holder processes the events.
 */
public class LeaseLostException extends TransientStoreException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     */
    public LeaseLostException(String message) {
        super(message);
    }
}
