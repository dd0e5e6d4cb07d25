package io.recq.jpa.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.recq.jpa.RecqPersistence;
import io.recq.jpa.StoreFailures;
import io.recq.jpa.schema.StoreSchema;

/**
 * Readiness of the event store: DOWN, saying why, while its database cannot be reached or its tables are
 * incomplete; UP with the head of the global sequence otherwise.
 */
@Readiness
@ApplicationScoped
public class EventStoreReadiness implements HealthCheck {

    /** The name of this check in the health report. */
    public static final String NAME = "recq-event-store";

    private static final int QUERY_TIMEOUT_SECONDS = 5;

    @Resource(lookup = RecqPersistence.DATASOURCE)
    DataSource dataSource;

    protected EventStoreReadiness() {
        // for CDI
    }

    /**
     * @param dataSource the datasource of the store's persistence unit
     */
    public EventStoreReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Creates the check with the application, so that its datasource is resolved in the deployment's
     * naming context and not on the thread of the first health request (which has none).
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // creating the instance is the point
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        try (Connection connection = dataSource.getConnection()) {
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
