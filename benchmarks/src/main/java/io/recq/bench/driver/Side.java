package io.recq.bench.driver;

import java.util.concurrent.CompletableFuture;

/**
 * One of the systems under test (RECQ, the hand-written baseline, Axon), as the callers see it.
 */
public interface Side {

    /**
     * @return {@code recq}, {@code baseline} or {@code axon}
     */
    String name();

    /**
     * @param accountId the account
     * @return completes when the account is open (or was already)
     */
    CompletableFuture<?> open(String accountId);

    /**
     * @param accountId the account
     * @param amount the amount
     * @param ticket the number the projection latency follows, or 0
     * @return completes with the stored event once its transaction committed
     */
    CompletableFuture<?> deposit(String accountId, long amount, long ticket);

    /**
     * @param accountId the account
     * @return completes with the balance
     */
    CompletableFuture<?> findBalance(String accountId);
}
