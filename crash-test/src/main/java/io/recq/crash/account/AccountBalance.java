package io.recq.crash.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The read model: one row per account with its balance and how many deposits it holds.
 */
@Entity
@Table(name = "crash_balances")
public class AccountBalance {

    /** The persistence unit of the read model (the store's database). */
    public static final String UNIT = "crash";

    @Id
    @Column(name = "account_id")
    private String accountId;

    @Column(name = "balance", nullable = false)
    private long balance;

    @Column(name = "deposits", nullable = false)
    private long deposits;

    protected AccountBalance() {
    }

    AccountBalance(String accountId) {
        this.accountId = accountId;
    }

    void deposit(long amount) {
        balance += amount;
        deposits++;
    }

    public String getAccountId() {
        return accountId;
    }

    public long getBalance() {
        return balance;
    }

    public long getDeposits() {
        return deposits;
    }
}
