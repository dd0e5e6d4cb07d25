package io.recq.cdi.broken;

import org.junit.jupiter.api.Test;

import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;
import io.recq.api.SagaState;
import io.recq.api.ServiceEvent;
import io.recq.cdi.model.ErrorCode;

class SagaAssociationTest {

    @Test
    void rejectsASagaHandlerWithoutAssociationProperty() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(UnassociatedSaga.class);

        // then
        deployment.failsWithOnly(ErrorCode.MISSING_ASSOCIATION_PROPERTY,
                UnassociatedSaga.class.getName() + "#on(Ordered)");
    }

    @Test
    void rejectsASagaHandlerWhoseAssociationPropertyIsNotOnTheEvent() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(MisassociatedSaga.class);

        // then
        deployment.failsWithOnly(ErrorCode.UNKNOWN_ASSOCIATION_PROPERTY,
                MisassociatedSaga.class.getName() + "#on(Ordered)")
                .mentions("\"orderNumber\" is not a property of Ordered (properties: orderId, customer)");
    }

    public record Ordered(String orderId, String customer) implements ServiceEvent {
    }

    public static class OrderState extends SagaState {
    }

    @Saga
    static class UnassociatedSaga {
        @SagaEventHandler(init = true)
        OrderState on(Ordered event) {
            return new OrderState();
        }
    }

    @Saga
    static class MisassociatedSaga {
        @SagaEventHandler(init = true, associationProperty = "orderNumber")
        OrderState on(Ordered event) {
            return new OrderState();
        }
    }
}
