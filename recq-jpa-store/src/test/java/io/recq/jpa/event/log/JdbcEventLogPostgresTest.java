package io.recq.jpa.event.log;

import io.recq.jpa.StoreDatabase;

class JdbcEventLogPostgresTest extends JdbcEventLogContract {

    JdbcEventLogPostgresTest() {
        super(StoreDatabase.Kind.POSTGRESQL);
    }
}
