package io.recq.jpa.event;

import io.recq.jpa.StoreDatabase;

class ConcurrentAppendPostgresTest extends ConcurrentAppendContract {

    ConcurrentAppendPostgresTest() {
        super(StoreDatabase.Kind.POSTGRESQL);
    }
}
