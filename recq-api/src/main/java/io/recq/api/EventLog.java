package io.recq.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored events of the whole system, to read: by sequence, by type, context, aggregate, time or sequence
 * range, an aggregate's history, and the events of one correlation chain. For operators' tools (the RECQ
 * console) and support code; handlers receive their events from RECQ and do not need it. Every read is one
 * indexed range of the store, never a scan of all events. Injectable with {@code @Inject}.
 */
public interface EventLog {

    /**
     * One stored event, as JSON: the reader needs none of the classes of the service that stored it.
     *
     * @param sequence its place in the global order (1, 2, 3, ... in commit order)
     * @param aggregateId the aggregate that produced it, or {@code null} for a service event
     * @param aggregateVersion the aggregate's version after it, or 0 for a service event
     * @param eventType its logical name (the simple class name)
     * @param context its context
     * @param storedAt when it was stored
     * @param metadata its metadata ({@link Metadata#CORRELATION_ID}, {@link Metadata#CAUSATION_ID}, ...)
     * @param json its payload's JSON
     */
    record Entry(long sequence, String aggregateId, long aggregateVersion, String eventType, String context,
            Instant storedAt, Metadata metadata, String json) {
    }

    /**
     * What {@link #search(Filter, long, int)} looks for; every part is optional ({@code null}: any).
     *
     * @param eventType an event's logical name
     * @param context a context
     * @param aggregateId an aggregate id
     * @param from stored at or after
     * @param to stored before
     * @param fromSequence at or after this sequence
     * @param toSequence at or before this sequence
     */
    record Filter(String eventType, String context, String aggregateId, Instant from, Instant to, Long fromSequence,
            Long toSequence) {

        /**
         * @return a filter that takes every event
         */
        public static Filter all() {
            return new Filter(null, null, null, null, null, null, null);
        }
    }

    /**
     * @return the sequence of the newest stored event, 0 when there is none
     */
    long head();

    /**
     * @param sequence a sequence
     * @return the event stored under it
     */
    Optional<Entry> find(long sequence);

    /**
     * Pages through the events a filter takes, newest first. A time range is found on the sequence (events are
     * stored in time order within the precision of the nodes' clocks).
     *
     * @param filter what to look for
     * @param before only events with a smaller sequence ({@code Long.MAX_VALUE} for the newest): the sequence of
     *        the last event of the previous page
     * @param max the largest number of events to return
     * @return up to {@code max} events, newest first
     */
    List<Entry> search(Filter filter, long before, int max);

    /**
     * @param aggregateId an aggregate id
     * @param max the largest number of events to return
     * @return its events, oldest first
     */
    List<Entry> aggregate(String aggregateId, int max);

    /**
     * The events of the chain that an event belongs to: every event with its {@link Metadata#CORRELATION_ID},
     * each naming what caused it in {@link Metadata#CAUSATION_ID}. Looked for within the configured window of
     * sequences around the event ({@code recq.event-log.chain-window}, default 10,000 on each side), so that a
     * chain longer than that is cut.
     *
     * @param sequence an event's sequence
     * @param max the largest number of events to return
     * @return the chain's events, oldest first; empty when there is no such event
     */
    List<Entry> correlated(long sequence, int max);
}
