package io.recq.bench.account;

import io.recq.api.View;

/**
 * The balance of an account.
 *
 * @param accountId the account id
 * @param balance the balance
 * @param deposits how many deposits it holds
 */
public record BalanceView(String accountId, long balance, long deposits) implements View {
}
