package io.recq.bench.baseline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The baseline's read model row of one account.
 */
@Entity(name = "BaselineBalance")
@Table(name = "bench_baseline_balances")
public class BaselineBalance {

    @Id
    @Column(name = "account_id", length = 64)
    private String accountId;

    @Column(name = "balance", nullable = false)
    private long balance;

    @Column(name = "deposits", nullable = false)
    private long deposits;

    protected BaselineBalance() {
        // for JPA
    }

    public BaselineBalance(String accountId) {
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
