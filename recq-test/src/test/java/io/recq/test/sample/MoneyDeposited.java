package io.recq.test.sample;

import io.recq.api.DomainEvent;

/**
 * @param transferId the transfer this deposit belongs to, or {@code null}
 */
public record MoneyDeposited(String accountId, long amount, String transferId) implements DomainEvent {
}
