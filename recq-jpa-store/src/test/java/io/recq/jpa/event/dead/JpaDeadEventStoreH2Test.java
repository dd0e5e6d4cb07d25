package io.recq.jpa.event.dead;

import io.recq.jpa.StoreDatabase;

class JpaDeadEventStoreH2Test extends JpaDeadEventStoreContract {

    JpaDeadEventStoreH2Test() {
        super(StoreDatabase.Kind.H2);
    }
}
