package io.recq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.TransientStoreException;
import io.recq.jpa.StoreDatabase;
import io.recq.jpa.health.EventStoreReadiness;

class StoreSchemaTest {

    @ParameterizedTest
    @EnumSource(StoreDatabase.Kind.class)
    void completesTheSchemaAgainWithoutTouchingExistingRows(StoreDatabase.Kind kind) throws SQLException {
        try (StoreDatabase database = StoreDatabase.create(kind)) {
            // given
            execute(database, "UPDATE recq_sequence SET last_assigned = 41");
            execute(database, "DROP TABLE recq_snapshots");

            // when
            StoreSchema.ensure(database.dataSource());
            StoreSchema.ensure(database.dataSource());

            // then
            try (Connection c = database.dataSource().getConnection()) {
                assertThat(StoreSchema.problems(c)).isEmpty();
            }
            HealthCheckResponse health = new EventStoreReadiness(database.dataSource()).call();
            assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(health.getData().orElseThrow()).containsEntry("head", 41L);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreDatabase.Kind.class)
    void reportsAMissingColumnItCannotAdd(StoreDatabase.Kind kind) throws SQLException {
        try (StoreDatabase database = StoreDatabase.create(kind)) {
            // given
            execute(database, "DROP INDEX recq_events_context");
            execute(database, "ALTER TABLE recq_events DROP COLUMN event_context");

            // when / then
            assertThatThrownBy(() -> StoreSchema.ensure(database.dataSource()))
                    .hasMessageContaining(ErrorCode.STORE_SCHEMA_INVALID.code())
                    .hasMessageContaining("recq_events.event_context");
            HealthCheckResponse health = new EventStoreReadiness(database.dataSource()).call();
            assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(health.getData().orElseThrow().get("error").toString()).contains("recq_events.event_context");
        }
    }

    @org.junit.jupiter.api.Test
    void readinessIsDownSayingTheStoreIsUnreachableWhileTheDatabaseIsUnreachable() {
        // given
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2");
        unreachable.setUser("postgres");
        EventStoreReadiness testSubject = new EventStoreReadiness(unreachable);

        // when
        HealthCheckResponse health = testSubject.call();

        // then
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(health.getName()).isEqualTo(EventStoreReadiness.NAME);
        assertThat(health.getData().orElseThrow().get("error").toString()).startsWith("the event store is unreachable");
        assertThatThrownBy(() -> StoreSchema.ensure(unreachable)).isInstanceOf(TransientStoreException.class)
                .hasMessageContaining(ErrorCode.STORE_UNAVAILABLE.code());
    }

    @org.junit.jupiter.api.Test
    void createsTheSchemaInAnEmptyH2Database() throws SQLException {
        // given
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:recq_schema_empty;DB_CLOSE_DELAY=-1");

        // when
        StoreSchema.ensure(h2);

        // then
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            assertThat(StoreSchema.problems(c)).isEmpty();
            s.execute("SHUTDOWN");
        }
    }

    private static void execute(StoreDatabase database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
