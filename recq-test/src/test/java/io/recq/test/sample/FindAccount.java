package io.recq.test.sample;

import io.recq.api.Query;

/**
 * Answers the account's summary, or {@code null} when there is no such account. (Not
 * {@code Single<AccountSummary>}: Yasson 3.0.4, the JSON-B of WildFly 39, cannot read the generic record
 * {@code Single<V>} back, on the wire as in the test kit.)
 */
public record FindAccount(String accountId) implements Query<AccountSummary> {
}
