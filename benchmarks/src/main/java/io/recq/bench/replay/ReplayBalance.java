package io.recq.bench.replay;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The read model the replay rebuilds: one balance per account of the stored history.
 */
@Entity(name = "ReplayBalance")
@Table(name = "bench_replay_balances")
public class ReplayBalance {

    /** The replay deployment's persistence unit. */
    public static final String UNIT = "bench-replay";

    @Id
    @Column(name = "account_id", length = 64)
    private String accountId;

    @Column(name = "balance", nullable = false)
    private long balance;

    @Column(name = "deposits", nullable = false)
    private long deposits;

    protected ReplayBalance() {
        // for JPA
    }

    public ReplayBalance(String accountId) {
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
