/**
 * The event side of the transport: stored events published on the event topic within the transaction that
 * stored them.
 */
package io.recq.jms.event;
