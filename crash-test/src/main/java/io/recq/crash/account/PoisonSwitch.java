package io.recq.crash.account;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether {@link RiskyDeposit} is poisoned: on (poisoned) from the start of the deployment until
 * {@link #fix()} is called. It lives in memory: a restarted server poisons the command again.
 */
@ApplicationScoped
public class PoisonSwitch {

    private final AtomicBoolean fixed = new AtomicBoolean();

    /** Makes {@link RiskyDeposit} succeed from now on. */
    public void fix() {
        fixed.set(true);
    }

    /** Makes {@link RiskyDeposit} fail again. */
    public void poison() {
        fixed.set(false);
    }

    /**
     * @return whether {@link RiskyDeposit} is handled normally
     */
    public boolean isFixed() {
        return fixed.get();
    }
}
