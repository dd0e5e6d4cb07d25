/**
 * The event log: the stored events of the whole system, read by sequence, type, context, aggregate, time and
 * correlation, for operators' tools.
 */
package io.recq.jpa.event.log;
