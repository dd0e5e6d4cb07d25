package io.recq.jpa.it;

import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.Query;
import io.recq.api.Single;
import io.recq.api.View;

/**
 * The payloads a small system of services shares, as an API jar would hold them: every deployment of
 * {@code ServicesIT} has these classes.
 */
public final class AccountsApi {

    private AccountsApi() {
    }

    public record OpenAccount(String aggregateId, String owner) implements DomainCommand {
    }

    public record Deposit(String aggregateId, long amount) implements DomainCommand {
    }

    public record AccountOpened(String aggregateId, String owner) implements DomainEvent {
    }

    public record Deposited(String aggregateId, long amount, long balance) implements DomainEvent {
    }

    public record FindBalance(String accountId) implements Query<Single<Balance>> {
    }

    public record Balance(String accountId, String owner, long balance) implements View {
    }

    /** A command no service handles. */
    public record CloseAccount(String aggregateId) implements DomainCommand {
    }
}
