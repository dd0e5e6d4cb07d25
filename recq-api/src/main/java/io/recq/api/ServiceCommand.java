package io.recq.api;

/**
 * A command handled by a stateless {@link Service}.
 */
public interface ServiceCommand extends Command {

    /**
     * Commands with the same non-null lock id are handled one at a time, across all nodes, in the order
     * they were sent; commands without a lock id may be handled concurrently.
     *
     * @return the lock id that serialises this command with others, or {@code null} for none
     */
    default String lockId() {
        return null;
    }
}
