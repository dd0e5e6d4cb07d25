package io.recq.bench.baseline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far the baseline's replay has read, committed with the read model it rebuilt.
 */
@Entity(name = "BaselinePosition")
@Table(name = "bench_baseline_positions")
public class BaselinePosition {

    @Id
    @Column(name = "name", length = 64)
    private String name;

    @Column(name = "last_id", nullable = false)
    private long lastId;

    protected BaselinePosition() {
        // for JPA
    }

    public BaselinePosition(String name) {
        this.name = name;
    }

    public long getLastId() {
        return lastId;
    }

    public void setLastId(long lastId) {
        this.lastId = lastId;
    }
}
