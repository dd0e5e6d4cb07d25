package io.recq.cdi.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * The records of commands handled with an idempotency key ({@link io.recq.api.Metadata#IDEMPOTENCY_KEY}),
 * implemented by the store. A record is written in the same transaction as the events of its command.
 */
public interface IdempotencyStore {

    /**
     * @param key an idempotency key
     * @param notBefore ignore (and remove) a record written before this instant: it is outside the
     *        retention window
     * @return the record of a command already handled with that key within the window
     */
    Optional<IdempotencyRecord> find(String key, Instant notBefore);

    /**
     * Writes a record in the caller's transaction. The store may write it with the transaction's next write
     * (the events' append) or at its commit, so that it costs no round trip of its own.
     *
     * @param record the record
     * @throws ConcurrentAppendException when a record with that key exists: another delivery handled the
     *         same key at the same time; retry the whole command, which then finds that record. Thrown here,
     *         by the next {@link EventStore#append}, or as the commit's failure
     */
    void record(IdempotencyRecord record);

    /**
     * Removes records outside the retention window.
     *
     * @param before remove records written before this instant
     * @return how many records were removed
     */
    int deleteOlderThan(Instant before);
}
