package io.recq.cdi.broken;

import org.junit.jupiter.api.Test;

import io.recq.api.CommandHandler;
import io.recq.api.EventHandler;
import io.recq.api.Observer;
import io.recq.api.Service;
import io.recq.api.ServiceCommand;
import io.recq.api.ServiceEvent;
import io.recq.cdi.model.ErrorCode;

class InaccessibleHandlerTest {

    @Test
    void rejectsAPrivateHandler() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(PrivateService.class);

        // then
        deployment.failsWithOnly(ErrorCode.INACCESSIBLE_HANDLER, PrivateService.class.getName() + "#handle(Print)")
                .mentions("private");
    }

    @Test
    void rejectsAStaticHandler() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(StaticObserver.class);

        // then
        deployment.failsWithOnly(ErrorCode.INACCESSIBLE_HANDLER, StaticObserver.class.getName() + "#on(Printed)")
                .mentions("static");
    }

    public record Print(String text) implements ServiceCommand {
    }

    public record Printed(String text) implements ServiceEvent {
    }

    @Service
    static class PrivateService {
        @CommandHandler
        private void handle(Print command) {
        }
    }

    @Observer
    static class StaticObserver {
        @EventHandler
        static void on(Printed event) {
        }
    }
}
