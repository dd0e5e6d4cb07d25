package io.recq.jpa.event;

import io.recq.jpa.StoreDatabase;

class JpaEventStorePostgresTest extends JpaEventStoreContract {

    JpaEventStorePostgresTest() {
        super(StoreDatabase.Kind.POSTGRESQL);
    }
}
