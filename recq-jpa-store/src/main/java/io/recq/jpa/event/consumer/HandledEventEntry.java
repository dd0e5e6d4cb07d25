package io.recq.jpa.event.consumer;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * An event an observer has handled beyond its committed position: a row of {@code recq_handled_events}, so
 * that a second delivery of that event is skipped. Rows at or below the position are removed when it moves.
 */
@Entity(name = "RecqHandledEvent")
@Table(name = "recq_handled_events")
@IdClass(HandledEventEntry.Key.class)
public class HandledEventEntry {

    @Id
    @Column(name = "consumer_id", nullable = false, updatable = false)
    private String consumerId;

    @Id
    @Column(name = "global_sequence", nullable = false, updatable = false)
    private long sequence;

    protected HandledEventEntry() {
        // for the persistence provider
    }

    HandledEventEntry(String consumerId, long sequence) {
        this.consumerId = consumerId;
        this.sequence = sequence;
    }

    public String getConsumerId() {
        return consumerId;
    }

    public long getSequence() {
        return sequence;
    }

    /** The primary key: consumer and sequence. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String consumerId;
        private long sequence;

        public Key() {
            // for the persistence provider
        }

        public Key(String consumerId, long sequence) {
            this.consumerId = consumerId;
            this.sequence = sequence;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && sequence == k.sequence && Objects.equals(consumerId, k.consumerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(consumerId, sequence);
        }
    }
}
