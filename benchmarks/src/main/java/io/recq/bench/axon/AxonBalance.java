package io.recq.bench.axon;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The Axon application's read model row of one account, kept by {@link AxonAccountProjector}: the same shape
 * as RECQ's and the baseline's.
 */
@Entity(name = "AxonBalance")
@Table(name = "bench_axon_balances")
public class AxonBalance {

    @Id
    @Column(name = "account_id", length = 64)
    private String accountId;

    @Column(name = "balance", nullable = false)
    private long balance;

    @Column(name = "deposits", nullable = false)
    private long deposits;

    protected AxonBalance() {
        // for JPA
    }

    public AxonBalance(String accountId) {
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
