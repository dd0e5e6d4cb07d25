package io.recq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
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
                    .isInstanceOf(InvalidStoreSchemaException.class)
                    .hasMessageContaining(ErrorCode.STORE_SCHEMA_INVALID.code())
                    .hasMessageContaining("column recq_events.event_context is missing (defined as event_context "
                            + "VARCHAR(255) NOT NULL)")
                    .hasMessageContaining("ALTER TABLE");
            HealthCheckResponse health = new EventStoreReadiness(database.dataSource()).call();
            assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(health.getData().orElseThrow().get("error").toString()).contains("recq_events.event_context");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreDatabase.Kind.class)
    void validatesEveryTableAndColumnTheScriptCreatesNotOnlyThoseItKnows(StoreDatabase.Kind kind)
            throws SQLException {
        try (StoreDatabase database = StoreDatabase.create(kind)) {
            // given: a script that defines one more table and one more column than the database has
            List<String> statements = new ArrayList<>(StoreSchema.statements(
                    kind == StoreDatabase.Kind.H2 ? "h2.sql" : "postgresql.sql"));
            statements.add("CREATE TABLE IF NOT EXISTS recq_later (\n    message_id VARCHAR(255) NOT NULL PRIMARY KEY,"
                    + "\n    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL\n)");
            statements.add("CREATE TABLE IF NOT EXISTS recq_sequence (name VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + "last_assigned BIGINT NOT NULL, epoch INTEGER NOT NULL DEFAULT 0)");
            Map<String, Map<String, String>> expected = StoreSchema.tablesOf(statements);

            // when
            List<String> problems;
            try (Connection c = database.dataSource().getConnection()) {
                problems = StoreSchema.problems(c, expected);
            }

            // then
            assertThat(problems).containsExactlyInAnyOrder("table recq_later is missing",
                    "column recq_sequence.epoch is missing (defined as epoch INTEGER NOT NULL DEFAULT 0)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2.sql", "postgresql.sql"})
    void everyScriptCreatesEveryTableAndColumnTheEntitiesMap(String script) {
        // when
        Map<String, Map<String, String>> tables = StoreSchema.tables(script);

        // then
        StoreSchema.TABLES.forEach((table, columns) -> assertThat(tables).as(script).containsKey(table)
                .extractingByKey(table).satisfies(defined -> assertThat(defined.keySet()).as(script + " " + table)
                        .containsAll(columns)));
        assertThat(tables.get("recq_dead_events")).containsEntry("id",
                "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
        assertThat(tables.get("recq_handled_events")).containsOnlyKeys("consumer_id", "global_sequence");
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
