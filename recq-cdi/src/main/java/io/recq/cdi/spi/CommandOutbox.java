package io.recq.cdi.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Commands sent by handlers (sagas, observers, aggregates, services) inside their transaction, implemented
 * by the store. A command is written in the sender's transaction, so that it exists exactly when the
 * sender's state, position or events do; the transport forwards it to the broker after the commit and then
 * removes it. A node that dies between the commit and the forward leaves it here for any node's sweep.
 */
public interface CommandOutbox {

    /**
     * Writes a command in the caller's transaction.
     *
     * @param command the command
     * @throws RuntimeException when it cannot be written: the caller's transaction must not commit
     */
    void add(OutgoingCommand command);

    /**
     * Reads the oldest commands written before {@code writtenBefore}: the ones their node did not forward in
     * time (it died, or the broker could not be reached). Several nodes may read and forward the same
     * command; the receiving inbox handles it once.
     *
     * @param writtenBefore only commands older than this
     * @param max the most commands returned
     * @return the commands, oldest first, in the order their senders wrote them
     */
    List<OutgoingCommand> pending(Instant writtenBefore, int max);

    /**
     * Which of these commands the outbox holds: the ones whose sender's transaction committed and that no one
     * has forwarded and removed yet. The transport asks before forwarding after a commit, because a
     * transaction manager reports a commit whose outcome it does not know (a heuristic outcome of a one-phase
     * commit whose connection broke) as committed: only the store knows whether it was.
     *
     * @param messageIds message ids of commands written in one transaction
     * @return those that are in the outbox
     */
    Set<String> stored(Collection<String> messageIds);

    /**
     * Removes forwarded commands, in the caller's transaction.
     *
     * @param messageIds their message ids
     * @return how many were removed
     */
    int remove(Collection<String> messageIds);

    /**
     * @return how many commands wait to be forwarded
     */
    long count();
}
