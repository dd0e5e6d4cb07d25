package io.recq.cdi.broken;

import org.junit.jupiter.api.Test;

import io.recq.api.EventHandler;
import io.recq.api.Observer;
import io.recq.api.ServiceEvent;
import io.recq.cdi.model.ErrorCode;

class DuplicatePayloadNameTest {

    @Test
    void rejectsTwoPayloadClassesWithTheSameSimpleName() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(BillingObserver.class);

        // then
        deployment.failsWithOnly(ErrorCode.DUPLICATE_PAYLOAD_NAME,
                        Billing.Created.class.getName() + " and " + Shipping.Created.class.getName())
                .mentions("logical name 'Created'");
    }

    static final class Billing {
        public record Created(String invoiceId) implements ServiceEvent {
        }
    }

    static final class Shipping {
        public record Created(String parcelId) implements ServiceEvent {
        }
    }

    @Observer
    static class BillingObserver {
        @EventHandler
        void on(Billing.Created event) {
        }

        @EventHandler
        void on(Shipping.Created event) {
        }
    }
}
