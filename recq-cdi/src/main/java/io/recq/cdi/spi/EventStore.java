package io.recq.cdi.spi;

import java.util.List;
import java.util.Optional;

/**
 * The append-only event store of a deployment, implemented by the store ({@code recq-jpa-store}).
 *
 * <p>Writing methods join the caller's transaction (in the server: the JTA transaction in which the
 * transport consumes the command), so events, snapshots and idempotency records commit or roll back with
 * the consumption of the command that produced them.
 *
 * <p>Guarantees an implementation must keep:
 * <ul>
 * <li>no two events share an (aggregate id, aggregate version): a second one is refused with a
 * {@link ConcurrentAppendException};</li>
 * <li>the global sequence is 1, 2, 3, ... without gaps and is assigned in commit order, so that a reader
 * that has seen sequence {@code n} never later finds a committed event below {@code n} that it did not
 * see.</li>
 * </ul>
 */
public interface EventStore {

    /**
     * Appends events in the caller's transaction, in the given order, assigning consecutive global
     * sequence numbers. Call it as the last write of the transaction: an implementation may serialise the
     * tails of concurrent appending transactions from here until commit.
     *
     * @param events the events to append (none is a no-op)
     * @return the stored events, in the same order, with their global sequence
     * @throws ConcurrentAppendException when an (aggregate id, version) is taken: retry the whole command
     * @throws TransientStoreException when the store is unavailable or a lock wait timed out
     */
    List<StoredEvent> append(List<NewEvent> events);

    /**
     * @param aggregateId an aggregate id
     * @param afterVersion load the events with a version above this (0 for all)
     * @return the aggregate's events with a version above {@code afterVersion}, by version
     */
    List<StoredEvent> load(String aggregateId, long afterVersion);

    /**
     * Reads committed events in global order, for consumers.
     *
     * @param fromSequence the first sequence to read (1 for the beginning)
     * @param max the largest number of events to return
     * @return up to {@code max} events with a sequence of at least {@code fromSequence}, in sequence order
     */
    List<StoredEvent> read(long fromSequence, int max);

    /**
     * @param aggregateId an aggregate id
     * @return the latest snapshot of that aggregate
     */
    Optional<AggregateSnapshot> loadSnapshot(String aggregateId);

    /**
     * Stores a snapshot in the caller's transaction, replacing an older one of the same aggregate.
     *
     * @param snapshot the snapshot
     */
    void storeSnapshot(AggregateSnapshot snapshot);
}
