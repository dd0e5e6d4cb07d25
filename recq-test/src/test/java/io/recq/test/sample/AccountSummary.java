package io.recq.test.sample;

import io.recq.api.View;

public record AccountSummary(String accountId, String owner, long balance) implements View {
}
