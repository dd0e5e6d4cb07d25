package io.recq.test.sample;

import io.recq.api.DomainEvent;

public record TransferRequested(String transferId, String fromAccount, String toAccount, long amount)
        implements DomainEvent {
}
