package io.recq.jpa.event.saga;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One saga instance: a row of {@code recq_sagas} with its state as JSON. The version column makes two
 * transactions that change the same instance at once conflict instead of losing an update.
 */
@Entity(name = "RecqSaga")
@Table(name = "recq_sagas")
public class SagaEntry {

    @Id
    @Column(name = "saga_id", nullable = false, updatable = false)
    private String sagaId;

    @Column(name = "saga_type", nullable = false, updatable = false)
    private String sagaType;

    @Column(name = "state", nullable = false, length = Integer.MAX_VALUE)
    private String state;

    @Version
    @Column(name = "entity_version", nullable = false)
    private long version;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected SagaEntry() {
        // for the persistence provider
    }

    SagaEntry(String sagaId, String sagaType, String state, OffsetDateTime now) {
        this.sagaId = sagaId;
        this.sagaType = sagaType;
        this.state = state;
        this.updatedAt = now;
    }

    void update(String newState, OffsetDateTime now) {
        this.state = newState;
        this.updatedAt = now;
    }

    public String getSagaId() {
        return sagaId;
    }

    public String getSagaType() {
        return sagaType;
    }

    public String getState() {
        return state;
    }

    public long getVersion() {
        return version;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }
}
