package io.recq.jpa.command;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The record of a command handled with an idempotency key: a row of {@code recq_idempotency}. The key is
 * the primary key, so a concurrent duplicate fails on insert.
 */
@Entity(name = "RecqIdempotency")
@Table(name = "recq_idempotency")
public class IdempotencyEntry {

    @Id
    @Column(name = "idempotency_key", nullable = false, updatable = false)
    private String key;

    @Column(name = "command_type", updatable = false)
    private String commandType;

    @Column(name = "result_type", updatable = false)
    private String resultType;

    @Column(name = "result", updatable = false, length = Integer.MAX_VALUE)
    private String result;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private OffsetDateTime recordedAt;

    protected IdempotencyEntry() {
        // for the persistence provider
    }

    IdempotencyEntry(String key, String commandType, String resultType, String result, OffsetDateTime recordedAt) {
        this.key = key;
        this.commandType = commandType;
        this.resultType = resultType;
        this.result = result;
        this.recordedAt = recordedAt;
    }

    public String getKey() {
        return key;
    }

    public String getCommandType() {
        return commandType;
    }

    public String getResultType() {
        return resultType;
    }

    public String getResult() {
        return result;
    }

    public OffsetDateTime getRecordedAt() {
        return recordedAt;
    }
}
