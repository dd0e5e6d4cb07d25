package io.recq.jpa.event.dead;

import io.recq.jpa.StoreDatabase;

class JpaDeadEventStorePostgresTest extends JpaDeadEventStoreContract {

    JpaDeadEventStorePostgresTest() {
        super(StoreDatabase.Kind.POSTGRESQL);
    }
}
