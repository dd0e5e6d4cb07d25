package io.recq.test.sample;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The read model row of one account.
 */
@Entity
@Table(name = "account_view")
public class AccountView {

    @Id
    private String accountId;
    private String owner;
    private long balance;
    private long lastSequence;
    private long version;

    protected AccountView() {
        // for JPA
    }

    public AccountView(String accountId, String owner) {
        this.accountId = accountId;
        this.owner = owner;
    }

    public String getAccountId() {
        return accountId;
    }

    public String getOwner() {
        return owner;
    }

    public long getBalance() {
        return balance;
    }

    public long getLastSequence() {
        return lastSequence;
    }

    public long getVersion() {
        return version;
    }

    void apply(long amount, long sequence, long aggregateVersion) {
        this.balance += amount;
        this.lastSequence = sequence;
        this.version = aggregateVersion;
    }

    AccountSummary summary() {
        return new AccountSummary(accountId, owner, balance);
    }
}
