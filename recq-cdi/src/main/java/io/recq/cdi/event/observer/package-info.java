/**
 * Observers as event consumers: at least once, deduplicated per event, no ordering promise, starting at the
 * head of the stream. Their handlers run outside a transaction, so they may wait for the commands they send.
 */
package io.recq.cdi.event.observer;
