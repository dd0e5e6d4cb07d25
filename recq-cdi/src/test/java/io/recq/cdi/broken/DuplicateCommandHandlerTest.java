package io.recq.cdi.broken;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.recq.api.CommandHandler;
import io.recq.api.Service;
import io.recq.api.ServiceCommand;
import io.recq.cdi.model.ErrorCode;

class DuplicateCommandHandlerTest {

    @Test
    void rejectsTwoComponentsHandlingTheSameCommand() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(FirstMailer.class, SecondMailer.class);

        // then
        deployment.failsWithOnly(ErrorCode.DUPLICATE_COMMAND_HANDLER,
                SecondMailer.class.getName() + "#handle(SendMail)")
                .mentions("handled by 2 components")
                .mentions(FirstMailer.class.getName() + "#handle(SendMail)");
        assertThat(deployment.problems().get(0).found()).contains("SendMail");
    }

    public record SendMail(String to) implements ServiceCommand {
    }

    @Service
    static class FirstMailer {
        @CommandHandler
        void handle(SendMail command) {
        }
    }

    @Service
    static class SecondMailer {
        @CommandHandler
        void handle(SendMail command) {
        }
    }
}
