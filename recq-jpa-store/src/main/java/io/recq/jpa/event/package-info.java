/**
 * The event store: events with a gap-free global sequence assigned in commit order, per-aggregate
 * versions, and snapshots.
 */
package io.recq.jpa.event;
