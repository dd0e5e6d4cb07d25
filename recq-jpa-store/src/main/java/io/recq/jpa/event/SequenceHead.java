package io.recq.jpa.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The head of a global sequence: a row of {@code recq_sequence} holding the last number assigned. Appending
 * transactions advance it with one {@code UPDATE}, whose row lock orders them (see
 * {@link JpaEventStore}).
 */
@Entity(name = "RecqSequence")
@Table(name = "recq_sequence")
public class SequenceHead {

    /** The name of the head row of the event sequence. */
    public static final String EVENTS = "events";

    @Id
    @Column(name = "name", nullable = false, updatable = false)
    private String name;

    @Column(name = "last_assigned", nullable = false)
    private long lastAssigned;

    protected SequenceHead() {
        // for the persistence provider
    }

    public String getName() {
        return name;
    }

    public long getLastAssigned() {
        return lastAssigned;
    }
}
