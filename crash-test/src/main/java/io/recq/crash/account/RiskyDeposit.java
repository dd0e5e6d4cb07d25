package io.recq.crash.account;

import io.recq.api.DomainCommand;

/**
 * A deposit whose handling fails permanently while the {@link PoisonSwitch} is on: the poison command of the
 * crash test. Once the switch is fixed it deposits like {@link Deposit}.
 *
 * @param aggregateId the account id
 * @param amount the amount, positive
 * @param depositId the client's id of this deposit
 */
public record RiskyDeposit(String aggregateId, long amount, String depositId) implements DomainCommand {
}
