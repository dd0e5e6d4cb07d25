package io.recq.cdi.spi;

import java.util.function.LongConsumer;

/**
 * Tells the event consumers of this node that new events were committed, as soon as they are published:
 * implemented by the transport (a subscriber of the event topic). Consumers then read the events from the
 * store; the feed carries no event itself, so a lost notification delays an event until the next safety
 * poll but never loses it.
 */
public interface EventFeed {

    /**
     * @param newHead called with the highest global sequence a notification announced (or
     *        {@link Long#MAX_VALUE} when unknown), on a thread of the transport; must return quickly
     * @return closes the subscription
     */
    AutoCloseable subscribe(LongConsumer newHead);
}
