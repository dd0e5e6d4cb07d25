package io.recq.jpa.event.consumer;

import io.recq.jpa.StoreDatabase;

class JpaConsumerStorePostgresTest extends JpaConsumerStoreContract {

    JpaConsumerStorePostgresTest() {
        super(StoreDatabase.Kind.POSTGRESQL);
    }
}
