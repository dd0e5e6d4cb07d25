package io.recq.bench.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The read model row of one account, kept by {@link AccountProjector}.
 */
@Entity(name = "BenchAccountBalance")
@Table(name = "bench_account_balances")
public class AccountBalance {

    /** The persistence unit of every benchmark table. */
    public static final String UNIT = "bench";

    @Id
    @Column(name = "account_id", length = 64)
    private String accountId;

    @Column(name = "balance", nullable = false)
    private long balance;

    @Column(name = "deposits", nullable = false)
    private long deposits;

    protected AccountBalance() {
        // for JPA
    }

    public AccountBalance(String accountId) {
        this.accountId = accountId;
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

    /**
     * @param amount a deposit
     */
    public void deposit(long amount) {
        balance += amount;
        deposits++;
    }
}
