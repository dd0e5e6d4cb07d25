/**
 * The query side of the runtime: answers the queries the transport receives with the deployment's
 * {@code @Projection} handlers, without a transaction.
 */
package io.recq.cdi.query;
