package io.recq.cdi.broken;

import org.junit.jupiter.api.Test;

import io.recq.api.EventHandler;
import io.recq.api.Observer;
import io.recq.api.ServiceEvent;
import io.recq.cdi.model.ErrorCode;

class UnsuppliableParameterTest {

    @Test
    void rejectsAHandlerParameterThatCannotBeSupplied() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(MailObserver.class);

        // then
        deployment.failsWithOnly(ErrorCode.UNSUPPORTED_PARAMETER, MailObserver.class.getName() + "#on(Mailed, String)")
                .mentions("parameter 2 of type java.lang.String");
    }

    public record Mailed(String to) implements ServiceEvent {
    }

    @Observer
    static class MailObserver {
        @EventHandler
        void on(Mailed event, String recipient) {
        }
    }
}
