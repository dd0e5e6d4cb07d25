/**
 * The event side of the transport: stored events published on the event topic within the transaction that
 * stored them, and the subscriber that wakes the node's event consumers when they arrive.
 */
package io.recq.jms.event;
