package io.recq.bench.baseline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The read model the baseline's replay rebuilds: one balance per account of the stored history.
 */
@Entity(name = "BaselineReplayBalance")
@Table(name = "bench_baseline_replay_balances")
public class BaselineReplayBalance {

    @Id
    @Column(name = "account_id", length = 64)
    private String accountId;

    @Column(name = "balance", nullable = false)
    private long balance;

    @Column(name = "deposits", nullable = false)
    private long deposits;

    protected BaselineReplayBalance() {
        // for JPA
    }

    public BaselineReplayBalance(String accountId) {
        this.accountId = accountId;
    }

    /**
     * @param amount a deposit
     */
    public void deposit(long amount) {
        balance += amount;
        deposits++;
    }
}
