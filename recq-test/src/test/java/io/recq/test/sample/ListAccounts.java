package io.recq.test.sample;

import io.recq.api.Multiple;
import io.recq.api.Query;

/**
 * @param owner the owner whose accounts to list, ordered by id
 */
public record ListAccounts(String owner) implements Query<Multiple<AccountSummary>> {
}
