package io.recq.jpa.event;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One stored event: a row of {@code recq_events}. Written once, never changed.
 */
@Entity(name = "RecqEvent")
@Table(name = "recq_events")
public class EventEntry {

    @Id
    @Column(name = "global_sequence", nullable = false, updatable = false)
    private long sequence;

    @Column(name = "aggregate_id", updatable = false)
    private String aggregateId;

    @Column(name = "aggregate_version", nullable = false, updatable = false)
    private long aggregateVersion;

    @Column(name = "payload_type", nullable = false, updatable = false)
    private String payloadType;

    @Column(name = "payload", nullable = false, updatable = false, length = Integer.MAX_VALUE)
    private String payload;

    @Column(name = "metadata", nullable = false, updatable = false, length = Integer.MAX_VALUE)
    private String metadata;

    @Column(name = "event_context", nullable = false, updatable = false)
    private String context;

    @Column(name = "stored_at", nullable = false, updatable = false)
    private OffsetDateTime storedAt;

    protected EventEntry() {
        // for the persistence provider
    }

    EventEntry(long sequence, String aggregateId, long aggregateVersion, String payloadType, String payload,
            String metadata, String context, OffsetDateTime storedAt) {
        this.sequence = sequence;
        this.aggregateId = aggregateId;
        this.aggregateVersion = aggregateVersion;
        this.payloadType = payloadType;
        this.payload = payload;
        this.metadata = metadata;
        this.context = context;
        this.storedAt = storedAt;
    }

    public long getSequence() {
        return sequence;
    }

    public String getAggregateId() {
        return aggregateId;
    }

    public long getAggregateVersion() {
        return aggregateVersion;
    }

    public String getPayloadType() {
        return payloadType;
    }

    public String getPayload() {
        return payload;
    }

    public String getMetadata() {
        return metadata;
    }

    public String getContext() {
        return context;
    }

    public OffsetDateTime getStoredAt() {
        return storedAt;
    }
}
