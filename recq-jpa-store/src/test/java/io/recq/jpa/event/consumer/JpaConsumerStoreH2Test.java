package io.recq.jpa.event.consumer;

import io.recq.jpa.StoreDatabase;

class JpaConsumerStoreH2Test extends JpaConsumerStoreContract {

    JpaConsumerStoreH2Test() {
        super(StoreDatabase.Kind.H2);
    }
}
