package io.recq.jpa.event.saga;

import io.recq.jpa.StoreDatabase;

class JpaSagaStorePostgresTest extends JpaSagaStoreContract {

    JpaSagaStorePostgresTest() {
        super(StoreDatabase.Kind.POSTGRESQL);
    }
}
