package io.recq.jpa.event.log;

import io.recq.jpa.StoreDatabase;

class JdbcEventLogH2Test extends JdbcEventLogContract {

    JdbcEventLogH2Test() {
        super(StoreDatabase.Kind.H2);
    }
}
