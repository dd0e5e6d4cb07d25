package io.recq.test.sample;

import io.recq.api.AggregateState;

/**
 * The state of a bank account.
 */
public class BankAccount extends AggregateState {

    private String owner;
    private long balance;
    private long overdraftLimit;

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public long getBalance() {
        return balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }

    public long getOverdraftLimit() {
        return overdraftLimit;
    }

    public void setOverdraftLimit(long overdraftLimit) {
        this.overdraftLimit = overdraftLimit;
    }
}
