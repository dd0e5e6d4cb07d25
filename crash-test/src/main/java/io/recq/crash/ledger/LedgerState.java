package io.recq.crash.ledger;

import io.recq.api.AggregateState;

/**
 * The state of a ledger: how many deposits it recorded.
 */
public class LedgerState extends AggregateState {

    private long recorded;

    public long getRecorded() {
        return recorded;
    }

    public void setRecorded(long recorded) {
        this.recorded = recorded;
    }
}
