package io.recq.bench.driver;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import io.recq.api.AggregateAlreadyInitializedException;
import io.recq.api.CommandGateway;
import io.recq.api.Invoker;
import io.recq.api.Metadata;
import io.recq.api.QueryGateway;
import io.recq.bench.account.Deposit;
import io.recq.bench.account.FindBalance;
import io.recq.bench.account.OpenAccount;

/**
 * The RECQ application, through its gateways.
 */
@Invoker
public class RecqSide implements Side {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    CommandGateway commands;

    @Inject
    QueryGateway queries;

    @Override
    public String name() {
        return "recq";
    }

    @Override
    public CompletableFuture<?> open(String accountId) {
        return commands.send(new OpenAccount(accountId), Metadata.empty(), TIMEOUT)
                .exceptionally(failure -> {
                    if (unwrap(failure) instanceof AggregateAlreadyInitializedException) {
                        return null;
                    }
                    throw new IllegalStateException(failure);
                });
    }

    @Override
    public CompletableFuture<?> deposit(String accountId, long amount, long ticket) {
        return commands.send(new Deposit(accountId, amount, ticket), Metadata.empty(), TIMEOUT);
    }

    @Override
    public CompletableFuture<?> findBalance(String accountId) {
        return queries.query(new FindBalance(accountId), Metadata.empty(), TIMEOUT);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t;
    }
}
