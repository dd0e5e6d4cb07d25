package io.recq.jpa.event;

import io.recq.jpa.StoreDatabase;

class JpaEventStoreH2Test extends JpaEventStoreContract {

    JpaEventStoreH2Test() {
        super(StoreDatabase.Kind.H2);
    }
}
