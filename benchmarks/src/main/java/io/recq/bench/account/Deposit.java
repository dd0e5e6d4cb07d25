package io.recq.bench.account;

import io.recq.api.DomainCommand;

/**
 * Deposits an amount on an account.
 *
 * @param aggregateId the account id
 * @param amount the amount, positive
 * @param ticket a number the benchmark follows the command's event by, or 0 when it does not follow it
 */
public record Deposit(String aggregateId, long amount, long ticket) implements DomainCommand {
}
