package io.recq.jpa.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link CommandBusContract} with commands handled in the caller's JVM when this node consumes commands (the default,
 * {@code recq.command.local-dispatch=true}).
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
class CommandBusIT extends CommandBusContract {

    @Deployment
    static WebArchive deployment() {
        return deployment("recq-command-bus-it", CommandBusIT.class, true);
    }
}
