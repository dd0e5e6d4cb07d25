package io.recq.jpa.command;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A command waiting to be forwarded to the broker: a row of {@code recq_outbox}. Its message id is the
 * primary key; {@code created_at} and {@code send_order} (the order of the sends within one transaction) give
 * the forwarding order.
 */
@Entity(name = "RecqOutbox")
@Table(name = "recq_outbox")
public class OutboxEntry {

    @Id
    @Column(name = "message_id", nullable = false, updatable = false)
    private String messageId;

    @Column(name = "payload_type", nullable = false, updatable = false)
    private String payloadType;

    @Column(name = "payload", nullable = false, updatable = false, length = Integer.MAX_VALUE)
    private String payload;

    @Column(name = "routing_key", updatable = false)
    private String routingKey;

    @Column(name = "metadata", nullable = false, updatable = false, length = Integer.MAX_VALUE)
    private String metadata;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "send_order", nullable = false, updatable = false)
    private long sendOrder;

    protected OutboxEntry() {
        // for the persistence provider
    }

    OutboxEntry(String messageId, String payloadType, String payload, String routingKey, String metadata,
            OffsetDateTime createdAt, long sendOrder) {
        this.messageId = messageId;
        this.payloadType = payloadType;
        this.payload = payload;
        this.routingKey = routingKey;
        this.metadata = metadata;
        this.createdAt = createdAt;
        this.sendOrder = sendOrder;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getPayloadType() {
        return payloadType;
    }

    public String getPayload() {
        return payload;
    }

    public String getRoutingKey() {
        return routingKey;
    }

    public String getMetadata() {
        return metadata;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public long getSendOrder() {
        return sendOrder;
    }
}
