package io.recq.cdi.command.aggregate;

import java.time.Instant;

import io.recq.api.DomainEvent;
import io.recq.api.EventMessage;
import io.recq.api.Metadata;

/**
 * The envelope of an event an aggregate has just produced and that is being applied to its state before
 * it is stored: its global sequence is not assigned yet (0).
 */
record PendingEventMessage(long sequence, String aggregateId, long aggregateVersion, String context,
        Instant timestamp, Metadata metadata, DomainEvent payload) implements EventMessage<DomainEvent> {
}
