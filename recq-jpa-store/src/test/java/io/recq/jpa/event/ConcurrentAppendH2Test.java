package io.recq.jpa.event;

import io.recq.jpa.StoreDatabase;

class ConcurrentAppendH2Test extends ConcurrentAppendContract {

    ConcurrentAppendH2Test() {
        super(StoreDatabase.Kind.H2);
    }
}
