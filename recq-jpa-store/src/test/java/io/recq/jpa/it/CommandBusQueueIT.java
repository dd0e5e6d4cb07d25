package io.recq.jpa.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link CommandBusContract} with commands always carried by the command queue ({@code recq.command.local-dispatch=false}).
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
class CommandBusQueueIT extends CommandBusContract {

    @Deployment
    static WebArchive deployment() {
        return deployment("recq-command-bus-queue-it", CommandBusQueueIT.class, false);
    }
}
