/**
 * The event side of the runtime: one tracking consumer per projector (and context), saga and observer,
 * each reading the global sequence from the store on a managed thread, holding a lease so that one node at
 * a time processes it, committing its effects and its position in one JTA transaction, retrying failing
 * events with growing delays and moving them to the dead event queue afterwards.
 *
 * <p>Consumers are woken by the transport's {@link io.recq.cdi.spi.EventFeed} when events are published
 * and poll the store slowly otherwise, so that a lost notification delays an event but never loses it.
 */
package io.recq.cdi.event;
