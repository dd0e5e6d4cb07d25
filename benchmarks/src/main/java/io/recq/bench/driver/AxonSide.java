package io.recq.bench.driver;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.modelling.command.AggregateStreamCreationException;

import io.recq.bench.axon.AxonApplication;
import io.recq.bench.axon.AxonMessages.Balance;
import io.recq.bench.axon.AxonMessages.Deposit;
import io.recq.bench.axon.AxonMessages.FindBalance;
import io.recq.bench.axon.AxonMessages.OpenAccount;

/**
 * The Axon application, through its gateways. Axon's local command and query buses run the handler in the
 * caller's thread: the future is complete when {@code send} or {@code query} returns, after the command's
 * transaction committed.
 */
@ApplicationScoped
public class AxonSide implements Side {

    @Inject
    AxonApplication axon;

    @Override
    public String name() {
        return "axon";
    }

    @Override
    public CompletableFuture<?> open(String accountId) {
        return axon.commands().send(new OpenAccount(accountId)).exceptionally(failure -> {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof AggregateStreamCreationException) {
                    return null;
                }
            }
            throw new IllegalStateException(failure);
        });
    }

    @Override
    public CompletableFuture<?> deposit(String accountId, long amount, long ticket) {
        return axon.commands().send(new Deposit(accountId, amount, ticket));
    }

    @Override
    public CompletableFuture<?> findBalance(String accountId) {
        return axon.queries().query(new FindBalance(accountId), Balance.class);
    }
}
