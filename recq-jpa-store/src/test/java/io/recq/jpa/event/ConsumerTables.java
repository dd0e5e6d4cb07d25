package io.recq.jpa.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.recq.jpa.StoreDatabase;

/**
 * Empties the tables of event consumers, sagas and dead events between tests.
 */
public final class ConsumerTables {

    private ConsumerTables() {
    }

    /**
     * @param database the test database
     */
    public static void clear(StoreDatabase database) {
        database.clear();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM recq_consumers");
            s.execute("DELETE FROM recq_handled_events");
            s.execute("DELETE FROM recq_saga_associations");
            s.execute("DELETE FROM recq_sagas");
            s.execute("DELETE FROM recq_dead_events");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
