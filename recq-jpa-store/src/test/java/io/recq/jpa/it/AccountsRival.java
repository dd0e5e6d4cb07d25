package io.recq.jpa.it;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;

/**
 * A service of {@code ServicesIT} that claims the domain service's command: it must not start beside it.
 */
public final class AccountsRival {

    private AccountsRival() {
    }

    @Aggregate
    public static class RivalAggregate {

        @AggregateCommandHandler(init = true)
        AccountsApi.WalletOpened open(AccountsApi.OpenWallet command) {
            return new AccountsApi.WalletOpened(command.aggregateId(), "rival");
        }
    }
}
