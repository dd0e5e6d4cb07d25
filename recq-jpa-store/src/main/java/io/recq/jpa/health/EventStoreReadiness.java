package io.recq.jpa.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.recq.cdi.runtime.HealthChecks;
import io.recq.jpa.StoreDataSource;
import io.recq.jpa.StoreFailures;
import io.recq.jpa.schema.StoreSchema;

/**
 * Readiness of the event store: DOWN, saying why, while its database cannot be reached or its tables are
 * incomplete; UP with the head of the global sequence otherwise.
 */
@Readiness
@Dependent
public class EventStoreReadiness implements HealthCheck {

    /** The name of this check in the health report. */
    public static final String NAME = "recq-event-store";

    private static final int QUERY_TIMEOUT_SECONDS = 5;

    @Inject
    jakarta.enterprise.inject.Instance<StoreDataSource> storeDataSource;

    private DataSource dataSource;

    protected EventStoreReadiness() {
        // for CDI
    }

    /**
     * @param dataSource the datasource of the store's persistence unit
     */
    public EventStoreReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private DataSource dataSource() {
        DataSource resolved = dataSource;
        if (resolved == null) {
            resolved = storeDataSource.get().get();
            dataSource = resolved;
        }
        return resolved;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthChecks.ofRunningDeployment(NAME, this::check);
    }

    private HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        try (Connection connection = dataSource().getConnection()) {
            List<String> problems = StoreSchema.problems(connection);
            if (!problems.isEmpty()) {
                return response.down().withData("error", "the event store's tables are incomplete: "
                        + String.join("; ", problems)).build();
            }
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT last_assigned FROM recq_sequence WHERE name = 'events'")) {
                s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return response.up().withData("database", connection.getMetaData().getDatabaseProductName())
                            .withData("head", rs.getLong(1)).build();
                }
            }
        } catch (SQLException | RuntimeException e) {
            return response.down().withData("error", "the event store is unreachable: "
                    + StoreFailures.rootMessage(e)).build();
        }
    }
}
