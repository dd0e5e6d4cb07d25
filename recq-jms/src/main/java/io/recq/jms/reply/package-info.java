/**
 * Request/reply over Jakarta Messaging: the caller's reply channel (one temporary queue per deployment and
 * the futures waiting on it) and the consumer's reply writer.
 */
package io.recq.jms.reply;
