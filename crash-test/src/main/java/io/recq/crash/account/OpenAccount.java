package io.recq.crash.account;

import io.recq.api.DomainCommand;

/**
 * Opens an account.
 *
 * @param aggregateId the account id
 */
public record OpenAccount(String aggregateId) implements DomainCommand {
}
