package io.recq.jpa.it;

import io.recq.api.Aggregate;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.AggregateState;
import io.recq.api.EventSourcingHandler;

/**
 * The domain service of {@code ServicesIT}: an aggregate, and its dead-letter queue over HTTP for the test.
 */
public final class AccountsDomain {

    private AccountsDomain() {
    }

    public static class AccountState extends AggregateState {
        private long balance;

        public long getBalance() {
            return balance;
        }

        public void setBalance(long balance) {
            this.balance = balance;
        }
    }

    @Aggregate
    public static class AccountAggregate {

        @AggregateCommandHandler(init = true)
        AccountsApi.WalletOpened open(AccountsApi.OpenWallet command) {
            return new AccountsApi.WalletOpened(command.aggregateId(), command.owner());
        }

        @AggregateCommandHandler
        AccountsApi.ToppedUp deposit(AccountsApi.TopUp command, AccountState state) {
            return new AccountsApi.ToppedUp(command.aggregateId(), command.amount(),
                    state.getBalance() + command.amount());
        }

        @EventSourcingHandler
        void on(AccountsApi.WalletOpened event, AccountState state) {
            state.setBalance(0);
        }

        @EventSourcingHandler
        void on(AccountsApi.ToppedUp event, AccountState state) {
            state.setBalance(event.balance());
        }
    }

    /** The domain service's dead-letter queue, for the test: {@code GET ?messageId=...} prints the entry's reason. */
    @jakarta.servlet.annotation.WebServlet("/dead-commands")
    public static class DeadCommandsServlet extends jakarta.servlet.http.HttpServlet {
        private static final long serialVersionUID = 1L;

        @jakarta.inject.Inject
        transient io.recq.api.DeadCommandQueue deadCommands;

        @Override
        protected void doGet(jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
            response.setContentType("text/plain");
            response.getWriter().print(deadCommands.find(request.getParameter("messageId"))
                    .map(io.recq.api.DeadCommandQueue.Entry::reason).orElse(""));
        }
    }
}
