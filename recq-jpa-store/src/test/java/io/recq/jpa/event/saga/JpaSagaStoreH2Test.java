package io.recq.jpa.event.saga;

import io.recq.jpa.StoreDatabase;

class JpaSagaStoreH2Test extends JpaSagaStoreContract {

    JpaSagaStoreH2Test() {
        super(StoreDatabase.Kind.H2);
    }
}
