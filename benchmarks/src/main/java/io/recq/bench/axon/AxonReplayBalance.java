package io.recq.bench.axon;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The read model the Axon replay rebuilds: one balance per account of the stored history.
 */
@Entity(name = "AxonReplayBalance")
@Table(name = "bench_axon_replay_balances")
public class AxonReplayBalance {

    @Id
    @Column(name = "account_id", length = 64)
    private String accountId;

    @Column(name = "balance", nullable = false)
    private long balance;

    @Column(name = "deposits", nullable = false)
    private long deposits;

    protected AxonReplayBalance() {
        // for JPA
    }

    public AxonReplayBalance(String accountId) {
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
