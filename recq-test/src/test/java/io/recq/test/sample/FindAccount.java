package io.recq.test.sample;

import io.recq.api.Query;
import io.recq.api.Single;

public record FindAccount(String accountId) implements Query<Single<AccountSummary>> {
}
