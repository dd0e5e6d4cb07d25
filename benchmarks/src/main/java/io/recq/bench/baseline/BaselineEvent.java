package io.recq.bench.baseline;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One stored event of the baseline: a row numbered by a database sequence, unique per account and version.
 */
@Entity(name = "BaselineEvent")
@Table(name = "bench_baseline_events",
        uniqueConstraints = @UniqueConstraint(name = "bench_baseline_events_version",
                columnNames = {"aggregate_id", "aggregate_version"}),
        indexes = @Index(name = "bench_baseline_events_context", columnList = "event_context, id"))
public class BaselineEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bench_baseline_event_ids")
    @SequenceGenerator(name = "bench_baseline_event_ids", sequenceName = "bench_baseline_event_ids",
            allocationSize = 50)
    private Long id;

    @Column(name = "aggregate_id", nullable = false, length = 255)
    private String aggregateId;

    @Column(name = "aggregate_version", nullable = false)
    private long aggregateVersion;

    @Column(name = "payload_type", nullable = false, length = 255)
    private String payloadType;

    @Column(name = "payload", nullable = false, length = 4000)
    private String payload;

    @Column(name = "event_context", nullable = false, length = 255)
    private String context;

    @Column(name = "stored_at", nullable = false)
    private OffsetDateTime storedAt;

    protected BaselineEvent() {
        // for JPA
    }

    public BaselineEvent(String aggregateId, long aggregateVersion, String payloadType, String payload,
            String context, OffsetDateTime storedAt) {
        this.aggregateId = aggregateId;
        this.aggregateVersion = aggregateVersion;
        this.payloadType = payloadType;
        this.payload = payload;
        this.context = context;
        this.storedAt = storedAt;
    }

    public Long getId() {
        return id;
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

    public String getContext() {
        return context;
    }
}
