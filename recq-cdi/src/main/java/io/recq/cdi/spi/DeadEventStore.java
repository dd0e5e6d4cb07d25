package io.recq.cdi.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead event queue of every consumer: implemented by the store. Every method joins the caller's
 * transaction if there is one, so an event is put into the queue together with the position that moves past
 * it, and removed together with the effect of its successful retry.
 */
public interface DeadEventStore {

    /**
     * @param event the entry to store (its id is ignored)
     * @return the stored entry with its id
     */
    DeadEvent add(DeadEvent event);

    /**
     * @param consumerId a consumer, or {@code null} for every consumer
     * @param max the largest number of entries to return
     * @return entries, oldest event first
     */
    List<DeadEvent> list(String consumerId, int max);

    /**
     * @param id an entry's id
     * @return that entry
     */
    Optional<DeadEvent> find(long id);

    /**
     * Records a failed retry.
     *
     * @param id an entry's id
     * @param errorClass the class of the failure
     * @param errorMessage its message
     * @param at when it failed
     */
    void recordAttempt(long id, String errorClass, String errorMessage, Instant at);

    /**
     * Records a failed retry, with its stack trace.
     *
     * @param id an entry's id
     * @param errorClass the class of the failure
     * @param errorMessage its message
     * @param errorTrace its stack trace
     * @param at when it failed
     */
    default void recordAttempt(long id, String errorClass, String errorMessage, String errorTrace, Instant at) {
        recordAttempt(id, errorClass, errorMessage, at);
    }

    /**
     * @param id an entry's id
     * @return whether the entry existed
     */
    boolean delete(long id);

    /**
     * @return the number of entries per consumer id
     */
    Map<String, Long> countByConsumer();

    /**
     * Asks for a retry of an entry by a deployment that runs its consumer, when the caller's does not: the
     * request stays on the entry until a deployment that runs the consumer {@linkplain #claimRetry(long) claims}
     * it. Runs in a transaction of its own when the caller has none.
     *
     * @param id an entry's id
     * @param at when it was asked for
     * @return whether the entry exists
     */
    default boolean requestRetry(long id, Instant at) {
        throw new UnsupportedOperationException("this dead event store takes no retry requests");
    }

    /**
     * @param consumerIds consumers this deployment runs
     * @param max the largest number of entries to return
     * @return entries of those consumers whose retry was asked for, oldest request first
     */
    default List<DeadEvent> retryRequests(java.util.Collection<String> consumerIds, int max) {
        return List.of();
    }

    /**
     * Takes a retry request off an entry, so that one deployment serves it. Runs in a transaction of its own
     * when the caller has none.
     *
     * @param id an entry's id
     * @return whether this caller took it (false when another did, or there was none)
     */
    default boolean claimRetry(long id) {
        return false;
    }
}
