package io.recq.jpa.it;

import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.Query;
import io.recq.api.ServiceCommand;
import io.recq.api.ServiceEvent;
import io.recq.api.Single;
import io.recq.api.View;

/**
 * The payloads a small system of services shares, as an API jar would hold them: every deployment of
 * {@code ServicesIT} has these classes.
 */
public final class AccountsApi {

    private AccountsApi() {
    }

    public record OpenWallet(String aggregateId, String owner) implements DomainCommand {
    }

    public record TopUp(String aggregateId, long amount) implements DomainCommand {
    }

    public record WalletOpened(String aggregateId, String owner) implements DomainEvent {
    }

    public record ToppedUp(String aggregateId, long amount, long balance) implements DomainEvent {
    }

    public record FindBalance(String accountId) implements Query<Single<Balance>> {
    }

    public record Balance(String accountId, String owner, long balance) implements View {
    }

    /** Asks the gated service whether it answers, and how many events its gating projector had replayed then. */
    public record Knock(String id) implements ServiceCommand {
    }

    public record Knocked(String id, int replayed) implements ServiceEvent {
    }

    /** A command no service handles. */
    public record CloseWallet(String aggregateId) implements DomainCommand {
    }
}
