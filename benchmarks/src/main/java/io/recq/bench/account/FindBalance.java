package io.recq.bench.account;

import io.recq.api.Query;
import io.recq.api.Single;

/**
 * Asks for the balance of an account.
 *
 * @param accountId the account id
 */
public record FindBalance(String accountId) implements Query<Single<BalanceView>> {
}
