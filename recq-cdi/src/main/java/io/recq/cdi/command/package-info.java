/**
 * The command side of the runtime: reads a received command into its registered class, finds its handler,
 * loads the aggregate (snapshot plus later events), runs the handler, and stores what it produced with the
 * {@link io.recq.cdi.spi.EventStore} in the transport's transaction, honouring idempotency keys.
 */
package io.recq.cdi.command;
