package io.recq.jpa.command;

import io.recq.jpa.StoreDatabase;

class JpaIdempotencyStorePostgresTest extends JpaIdempotencyStoreContract {

    JpaIdempotencyStorePostgresTest() {
        super(StoreDatabase.Kind.POSTGRESQL);
    }
}
