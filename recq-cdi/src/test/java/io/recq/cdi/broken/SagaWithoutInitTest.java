package io.recq.cdi.broken;

import org.junit.jupiter.api.Test;

import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;
import io.recq.api.SagaState;
import io.recq.api.ServiceEvent;
import io.recq.cdi.model.ErrorCode;

class SagaWithoutInitTest {

    @Test
    void rejectsASagaWithoutInitHandler() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(ShippingSaga.class);

        // then
        deployment.failsWithOnly(ErrorCode.SAGA_WITHOUT_INIT, ShippingSaga.class.getName())
                .mentions("init = true");
    }

    public record Shipped(String orderId) implements ServiceEvent {
    }

    public static class ShippingState extends SagaState {
    }

    @Saga
    static class ShippingSaga {
        @SagaEventHandler(associationProperty = "orderId")
        void on(Shipped event, ShippingState state) {
            state.setEnded(true);
        }
    }
}
