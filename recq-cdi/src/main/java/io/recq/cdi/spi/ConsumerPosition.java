package io.recq.cdi.spi;

import java.time.Instant;

/**
 * One event consumer as the store holds it.
 *
 * @param consumerId the consumer ({@code Projector:TodoListProjector:v1:*})
 * @param position the sequence of the last event it processed (0 for none)
 * @param owner the node holding its lease, or {@code null} when free
 * @param leaseUntil when that lease expires, or {@code null} when free
 */
public record ConsumerPosition(String consumerId, long position, String owner, Instant leaseUntil) {
}
