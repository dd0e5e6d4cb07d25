package io.recq.crash.account;

import io.recq.api.AggregateState;

/**
 * The state of an account: its balance.
 */
public class AccountState extends AggregateState {

    private long balance;

    public long getBalance() {
        return balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }
}
