package io.recq.bench.baseline;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * The baseline's message bodies, as JSON-B records, and its one shared {@link Jsonb}.
 */
public final class BaselineMessages {

    /** Thread-safe, created once. */
    public static final Jsonb JSON = JsonbBuilder.create();

    /** The event type of an opened account. */
    public static final String ACCOUNT_OPENED = "AccountOpened";
    /** The event type of a deposit. */
    public static final String DEPOSITED = "Deposited";

    private BaselineMessages() {
    }

    /**
     * Opens an account.
     *
     * @param accountId the account id
     */
    public record OpenAccount(String accountId) {
    }

    /**
     * Deposits an amount.
     *
     * @param accountId the account id
     * @param amount the amount
     * @param ticket the benchmark's number, or 0
     */
    public record Deposit(String accountId, long amount, long ticket) {
    }

    /**
     * An account was opened.
     *
     * @param accountId the account id
     */
    public record AccountOpened(String accountId) {
    }

    /**
     * An amount was deposited.
     *
     * @param accountId the account id
     * @param amount the amount
     * @param ticket the benchmark's number, or 0
     */
    public record Deposited(String accountId, long amount, long ticket) {
    }

    /**
     * Asks for a balance.
     *
     * @param accountId the account id
     */
    public record FindBalance(String accountId) {
    }

    /**
     * A balance.
     *
     * @param accountId the account id
     * @param balance the balance
     * @param deposits how many deposits it holds
     */
    public record Balance(String accountId, long balance, long deposits) {
    }
}
