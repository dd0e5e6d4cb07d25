package io.recq.jpa.event.dead;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * One dead event: a row of {@code recq_dead_events}.
 */
@Entity(name = "RecqDeadEvent")
@Table(name = "recq_dead_events")
public class DeadEventEntry {

    static final int MAX_TEXT = 1000;

    /** From a sequence, not the column's identity: EclipseLink cannot read back an identity of H2 2. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "recq_dead_event_ids")
    @SequenceGenerator(name = "recq_dead_event_ids", sequenceName = "recq_dead_event_ids", allocationSize = 1)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "consumer_id", nullable = false, updatable = false)
    private String consumerId;

    @Column(name = "global_sequence", nullable = false, updatable = false)
    private long sequence;

    @Column(name = "payload_type", nullable = false, updatable = false)
    private String payloadType;

    @Column(name = "handler", length = MAX_TEXT, updatable = false)
    private String handler;

    @Column(name = "error_class", length = MAX_TEXT)
    private String errorClass;

    @Column(name = "error_message", length = Integer.MAX_VALUE)
    private String errorMessage;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "dead_since", nullable = false, updatable = false)
    private OffsetDateTime deadSince;

    @Column(name = "last_attempt", nullable = false)
    private OffsetDateTime lastAttempt;

    @Column(name = "retry_requested_at")
    private OffsetDateTime retryRequestedAt;

    @Column(name = "error_trace", length = Integer.MAX_VALUE)
    private String errorTrace;

    protected DeadEventEntry() {
        // for the persistence provider
    }

    DeadEventEntry(String consumerId, long sequence, String payloadType, String handler, String errorClass,
            String errorMessage, int attempts, OffsetDateTime deadSince, OffsetDateTime lastAttempt) {
        this.consumerId = consumerId;
        this.sequence = sequence;
        this.payloadType = payloadType;
        this.handler = clip(handler);
        this.errorClass = clip(errorClass);
        this.errorMessage = errorMessage;
        this.attempts = attempts;
        this.deadSince = deadSince;
        this.lastAttempt = lastAttempt;
    }

    void failedAgain(String newErrorClass, String newErrorMessage, String newErrorTrace, OffsetDateTime at) {
        this.errorClass = clip(newErrorClass);
        this.errorMessage = newErrorMessage;
        this.errorTrace = newErrorTrace;
        this.attempts++;
        this.lastAttempt = at;
    }

    void trace(String trace) {
        this.errorTrace = trace;
    }

    public String getErrorTrace() {
        return errorTrace;
    }

    public OffsetDateTime getRetryRequestedAt() {
        return retryRequestedAt;
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    public Long getId() {
        return id;
    }

    public String getConsumerId() {
        return consumerId;
    }

    public long getSequence() {
        return sequence;
    }

    public String getPayloadType() {
        return payloadType;
    }

    public String getHandler() {
        return handler;
    }

    public String getErrorClass() {
        return errorClass;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public int getAttempts() {
        return attempts;
    }

    public OffsetDateTime getDeadSince() {
        return deadSince;
    }

    public OffsetDateTime getLastAttempt() {
        return lastAttempt;
    }
}
