/**
 * The query side of the transport: queries sent to the query queue, answered by any node with the handler,
 * without a transaction, and their answers brought back over the reply channel.
 */
package io.recq.jms.query;
