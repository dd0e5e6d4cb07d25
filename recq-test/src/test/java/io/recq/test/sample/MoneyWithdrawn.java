package io.recq.test.sample;

import io.recq.api.DomainEvent;

/**
 * @param transferId the transfer this withdrawal belongs to, or {@code null}
 */
public record MoneyWithdrawn(String accountId, long amount, String transferId) implements DomainEvent {
}
