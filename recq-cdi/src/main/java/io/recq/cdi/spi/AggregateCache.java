package io.recq.cdi.spi;

import java.util.Optional;

/**
 * Aggregate instances a transport keeps between the commands it runs one after another, so that the runtime
 * need not load them from the store each time ({@link CommandProcessor#process(IncomingCommand, AggregateCache)}).
 *
 * <p>The runtime takes an instance out before it runs a command on it, and offers the instance the command left
 * behind once the command's events are ready to be appended; the cache keeps what is offered for the later
 * commands of the same transaction, and for later transactions only once this one has committed. An instance
 * taken out and not offered back (the handler failed) is gone: it is loaded from the store next time. A cached
 * instance that is no longer current (another node handled a command of the same aggregate) is refused by the
 * store's version check when the command appends, as any stale decision is.
 */
public interface AggregateCache {

    /**
     * @param aggregateType the aggregate's component name
     * @param aggregateId the aggregate id
     * @return the instance kept, now removed from the cache: the caller's until it offers one back
     */
    Optional<Entry> take(String aggregateType, String aggregateId);

    /**
     * @param entry the instance as the command that just ran leaves it
     */
    void offer(Entry entry);

    /**
     * An aggregate instance: its version (its number of events) and its state as the event-sourcing handlers
     * built it.
     *
     * @param aggregateType the aggregate's component name
     * @param aggregateId the aggregate id
     * @param version the number of its events
     * @param state its state, or {@code null} when the aggregate declares none
     */
    record Entry(String aggregateType, String aggregateId, long version, Object state) {
    }
}
