package io.recq.bench.axon;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The Axon application's commands, events and queries: the same fields as RECQ's and the baseline's.
 */
public final class AxonMessages {

    private AxonMessages() {
    }

    /**
     * Opens an account.
     *
     * @param accountId the account id
     */
    public record OpenAccount(@TargetAggregateIdentifier String accountId) {
    }

    /**
     * Deposits an amount on an account.
     *
     * @param accountId the account id
     * @param amount the amount, positive
     * @param ticket the benchmark's number of the command, or 0
     */
    public record Deposit(@TargetAggregateIdentifier String accountId, long amount, long ticket) {
    }

    /**
     * An account was opened.
     *
     * @param accountId the account id
     */
    public record AccountOpened(String accountId) {
    }

    /**
     * An amount was deposited on an account.
     *
     * @param accountId the account id
     * @param amount the amount
     * @param ticket the benchmark's number of the command, or 0
     */
    public record Deposited(String accountId, long amount, long ticket) {
    }

    /**
     * A deposit of the stored history the replays read. Axon's JPA store has one stream for all events; a
     * payload type of its own keeps the history apart from the live events, as RECQ's history has a context
     * of its own: the live projector skips these events by type without reading their payload, and the
     * replay projectors skip the live ones the same way.
     *
     * @param accountId the account id
     * @param amount the amount
     * @param ticket always 0
     */
    public record HistoryDeposited(String accountId, long amount, long ticket) {
    }

    /**
     * Asks for the balance of an account.
     *
     * @param accountId the account id
     */
    public record FindBalance(String accountId) {
    }

    /**
     * The balance of an account.
     *
     * @param accountId the account id
     * @param balance the balance
     * @param deposits how many deposits it holds
     */
    public record Balance(String accountId, long balance, long deposits) {
    }
}
