package io.recq.cdi.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where each event consumer (a projector per context, a saga, an observer) stands in the global event
 * sequence, and which node holds it: implemented by the store.
 *
 * <p>A consumer is processed by one node at a time. That node holds the consumer's <em>lease</em> (owner
 * and expiry) and renews it while it works; another node takes the consumer over once the lease has expired
 * or was released. Moving the position is fenced: {@link #advance} succeeds only for the lease holder and
 * only from the position it read, so a node that lost its lease cannot commit a second effect of the same
 * event.
 *
 * <p>Methods that say so join the caller's transaction; the others run in a transaction of their own.
 */
public interface ConsumerStore {

    /**
     * @return the highest global sequence committed so far (0 for an empty store); a reader that reads up to
     *         it sees every committed event
     */
    long head();

    /**
     * Takes the consumer's lease when it is free, expired, or already held by {@code owner}, creating the
     * consumer at {@code initialPosition} when it is new. Runs in its own transaction.
     *
     * @param consumerId the consumer
     * @param owner the claiming node
     * @param leaseUntil when the lease expires unless renewed
     * @param initialPosition the position of a new consumer: 0 to replay from the first event, the head to
     *        start at the head
     * @return the consumer's position if {@code owner} now holds the lease; empty when another node holds it
     * @throws TransientStoreException when the store cannot be reached
     */
    Optional<Long> claim(String consumerId, String owner, Instant leaseUntil, long initialPosition);

    /**
     * Extends a held lease. Runs in its own transaction.
     *
     * @param consumerId the consumer
     * @param owner the holding node
     * @param leaseUntil the new expiry
     * @return whether {@code owner} still held the lease (and now holds it until {@code leaseUntil})
     */
    boolean renew(String consumerId, String owner, Instant leaseUntil);

    /**
     * Gives a held lease up, so that another node may take the consumer over at once. Runs in its own
     * transaction; does nothing when {@code owner} does not hold the lease.
     *
     * @param consumerId the consumer
     * @param owner the holding node
     */
    void release(String consumerId, String owner);

    /**
     * Moves the position in the caller's transaction, which therefore commits the consumer's effects and its
     * position together, and extends the lease.
     *
     * @param consumerId the consumer
     * @param owner the holding node
     * @param from the position the caller started from
     * @param to the sequence of the last event the caller processed
     * @param leaseUntil the new expiry of the lease
     * @param forgetHandled whether to remove the consumer's {@link #markHandled} records up to {@code to}:
     *        {@code true} for a consumer that records handled events (an observer), {@code false} for one
     *        that never does (a projector, a saga), which then pays for no delete
     * @throws LeaseLostException when {@code owner} no longer holds the lease or the position is no longer
     *         {@code from}: the caller must roll back
     */
    void advance(String consumerId, String owner, long from, long to, Instant leaseUntil, boolean forgetHandled);

    /**
     * @return every consumer with its position and lease
     */
    List<ConsumerPosition> positions();

    /**
     * Observers: whether the event was already handled by the consumer (deduplication). Joins the caller's
     * transaction if there is one.
     *
     * @param consumerId the consumer
     * @param sequence the event's global sequence
     * @return whether {@link #markHandled} was called for that event and the consumer's position has not yet
     *         passed it
     */
    boolean isHandled(String consumerId, long sequence);

    /**
     * Observers: records that the event was handled, in the caller's transaction. Recording an event twice is
     * harmless. The records up to the consumer's position are removed by {@link #advance} when it is asked to forget them.
     *
     * @param consumerId the consumer
     * @param sequence the event's global sequence
     */
    void markHandled(String consumerId, long sequence);

    /**
     * Moves a consumer to a position and frees its lease, in a transaction of its own: the node that held it
     * loses it (its next renewal or advance fails, its batch in flight rolls back), and whichever node claims
     * it next goes on from {@code position}.
     *
     * @param consumerId the consumer
     * @param position its new position: the sequence of the last event it is to have handled
     * @return its position before, or empty when there is no such consumer
     */
    default Optional<Long> reset(String consumerId, long position) {
        throw new UnsupportedOperationException("this consumer store cannot reset a consumer");
    }
}
