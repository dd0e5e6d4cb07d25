package io.recq.jpa.event;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The latest snapshot of one aggregate instance: a row of {@code recq_snapshots}.
 */
@Entity(name = "RecqSnapshot")
@Table(name = "recq_snapshots")
public class SnapshotEntry {

    @Id
    @Column(name = "aggregate_id", nullable = false, updatable = false)
    private String aggregateId;

    @Column(name = "aggregate_type", nullable = false)
    private String aggregateType;

    @Column(name = "aggregate_version", nullable = false)
    private long aggregateVersion;

    @Column(name = "state", nullable = false, length = Integer.MAX_VALUE)
    private String state;

    @Column(name = "taken_at", nullable = false)
    private OffsetDateTime takenAt;

    protected SnapshotEntry() {
        // for the persistence provider
    }

    SnapshotEntry(String aggregateId) {
        this.aggregateId = aggregateId;
    }

    void update(String type, long version, String stateJson, OffsetDateTime at) {
        this.aggregateType = type;
        this.aggregateVersion = version;
        this.state = stateJson;
        this.takenAt = at;
    }

    public String getAggregateId() {
        return aggregateId;
    }

    public String getAggregateType() {
        return aggregateType;
    }

    public long getAggregateVersion() {
        return aggregateVersion;
    }

    public String getState() {
        return state;
    }

    public OffsetDateTime getTakenAt() {
        return takenAt;
    }
}
