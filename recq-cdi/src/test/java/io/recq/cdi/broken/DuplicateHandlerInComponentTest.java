package io.recq.cdi.broken;

import org.junit.jupiter.api.Test;

import io.recq.api.EventHandler;
import io.recq.api.Metadata;
import io.recq.api.Projector;
import io.recq.api.ServiceEvent;
import io.recq.cdi.model.ErrorCode;

class DuplicateHandlerInComponentTest {

    @Test
    void rejectsTwoHandlersForTheSamePayloadInOneComponent() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(TwiceProjector.class);

        // then
        deployment.failsWithOnly(ErrorCode.DUPLICATE_HANDLER_IN_COMPONENT,
                TwiceProjector.class.getName() + "#onAgain(Paid, Metadata)")
                .mentions(TwiceProjector.class.getName() + "#on(Paid)");
    }

    public record Paid(String id) implements ServiceEvent {
    }

    @Projector
    static class TwiceProjector {
        @EventHandler
        void on(Paid event) {
        }

        @EventHandler
        void onAgain(Paid event, Metadata metadata) {
        }
    }
}
