package io.recq.jpa.command;

import io.recq.jpa.StoreDatabase;

class JpaIdempotencyStoreH2Test extends JpaIdempotencyStoreContract {

    JpaIdempotencyStoreH2Test() {
        super(StoreDatabase.Kind.H2);
    }
}
