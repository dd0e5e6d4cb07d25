package io.recq.jpa.event.consumer;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One event consumer: a row of {@code recq_consumers} with its position (the last sequence it processed)
 * and its lease (the node holding it, and until when).
 */
@Entity(name = "RecqConsumer")
@Table(name = "recq_consumers")
public class ConsumerEntry {

    @Id
    @Column(name = "consumer_id", nullable = false, updatable = false)
    private String consumerId;

    @Column(name = "last_sequence", nullable = false)
    private long position;

    @Column(name = "owner_node")
    private String owner;

    @Column(name = "lease_until")
    private OffsetDateTime leaseUntil;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected ConsumerEntry() {
        // for the persistence provider
    }

    ConsumerEntry(String consumerId, long position, String owner, OffsetDateTime leaseUntil, OffsetDateTime now) {
        this.consumerId = consumerId;
        this.position = position;
        this.owner = owner;
        this.leaseUntil = leaseUntil;
        this.updatedAt = now;
    }

    void lease(String newOwner, OffsetDateTime until, OffsetDateTime now) {
        this.owner = newOwner;
        this.leaseUntil = until;
        this.updatedAt = now;
    }

    public String getConsumerId() {
        return consumerId;
    }

    public long getPosition() {
        return position;
    }

    public String getOwner() {
        return owner;
    }

    public OffsetDateTime getLeaseUntil() {
        return leaseUntil;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }
}
