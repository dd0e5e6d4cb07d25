package io.recq.crash.ledger;

import io.recq.api.SagaState;

/**
 * A large deposit waiting for its ledger entry.
 */
public class LargeDepositState extends SagaState {

    private String accountId;

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }
}
