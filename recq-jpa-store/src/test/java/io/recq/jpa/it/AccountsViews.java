package io.recq.jpa.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.recq.api.EventHandler;
import io.recq.api.Projection;
import io.recq.api.Projector;
import io.recq.api.QueryHandler;
import io.recq.api.Single;

/**
 * The views service of {@code ServicesIT}: a projector and a projection over a table of the shared database.
 */
public final class AccountsViews {

    private AccountsViews() {
    }

    @Projector
    public static class BalancesProjector {

        @Resource(lookup = "java:comp/DefaultDataSource")
        DataSource dataSource;

        @EventHandler
        void on(AccountsApi.WalletOpened event) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO services_it_balances "
                            + "(account_id, owner, balance) SELECT ?, ?, 0 WHERE NOT EXISTS (SELECT 1 FROM "
                            + "services_it_balances WHERE account_id = ?)")) {
                insert.setString(1, event.aggregateId());
                insert.setString(2, event.owner());
                insert.setString(3, event.aggregateId());
                insert.executeUpdate();
            }
        }

        @EventHandler
        void on(AccountsApi.ToppedUp event) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE services_it_balances SET balance = ? WHERE account_id = ?")) {
                update.setLong(1, event.balance());
                update.setString(2, event.aggregateId());
                update.executeUpdate();
            }
        }
    }

    /** Creates the views' table when the service starts, before its projector handles an event. */
    @ApplicationScoped
    public static class Schema {

        @Resource(lookup = "java:comp/DefaultDataSource")
        DataSource dataSource;

        void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                Object ignored) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS services_it_balances (account_id VARCHAR(100) "
                        + "PRIMARY KEY, owner VARCHAR(100) NOT NULL, balance BIGINT NOT NULL)");
            }
        }
    }

    @Projection
    public static class BalancesProjection {

        @Resource(lookup = "java:comp/DefaultDataSource")
        DataSource dataSource;

        @QueryHandler
        Single<AccountsApi.Balance> find(AccountsApi.FindBalance query) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(
                            "SELECT owner, balance FROM services_it_balances WHERE account_id = ?")) {
                select.setString(1, query.accountId());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Single.of(new AccountsApi.Balance(query.accountId(), rows.getString(1),
                            rows.getLong(2))) : Single.empty();
                }
            }
        }
    }
}
