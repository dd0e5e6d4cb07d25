package io.recq.bench.driver;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.recq.bench.baseline.BaselineClient;
import io.recq.bench.baseline.BaselineMessages;
import io.recq.bench.baseline.BaselineMessages.Balance;
import io.recq.bench.baseline.BaselineMessages.Deposit;
import io.recq.bench.baseline.BaselineMessages.Deposited;
import io.recq.bench.baseline.BaselineMessages.FindBalance;
import io.recq.bench.baseline.BaselineMessages.OpenAccount;

/**
 * The hand-written baseline, through its client. Like RECQ's gateways, it reads the reply's JSON into the
 * event or the answer.
 */
@ApplicationScoped
public class BaselineSide implements Side {

    @Inject
    BaselineClient client;

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public CompletableFuture<?> open(String accountId) {
        return client.command("OpenAccount", BaselineMessages.JSON.toJson(new OpenAccount(accountId)),
                RecqSide.TIMEOUT).exceptionally(failure -> {
                    if (String.valueOf(failure.getMessage()).contains("already open")) {
                        return null;
                    }
                    throw new IllegalStateException(failure);
                });
    }

    @Override
    public CompletableFuture<?> deposit(String accountId, long amount, long ticket) {
        return client.command("Deposit", BaselineMessages.JSON.toJson(new Deposit(accountId, amount, ticket)),
                RecqSide.TIMEOUT).thenApply(json -> BaselineMessages.JSON.fromJson(json, Deposited.class));
    }

    @Override
    public CompletableFuture<?> findBalance(String accountId) {
        return client.query("FindBalance", BaselineMessages.JSON.toJson(new FindBalance(accountId)),
                RecqSide.TIMEOUT).thenApply(json -> BaselineMessages.JSON.fromJson(json, Balance.class));
    }
}
