package io.recq.crash.account;

import io.recq.api.DomainCommand;

/**
 * Deposits an amount on an account.
 *
 * @param aggregateId the account id
 * @param amount the amount, positive
 * @param depositId the client's id of this deposit: the crash test counts the events carrying it
 */
public record Deposit(String aggregateId, long amount, String depositId) implements DomainCommand {
}
