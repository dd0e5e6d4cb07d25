package io.recq.jms.it.health;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.arquillian.setup.SnapshotServerSetupTask;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Gives the embedded broker a connector to {@value #HOST}:{@value #PORT}, where nothing listens, for the
 * connection factory {@link UnreachableBroker} defines. The server's configuration is restored (and the
 * server reloaded) after the test class.
 */
public class UnreachableBrokerSetup extends SnapshotServerSetupTask {

    /** The connector's name, for {@code connectors=} in a connection factory definition. */
    public static final String CONNECTOR = "recq-unreachable";
    static final String HOST = "127.0.0.1";
    static final int PORT = 1;

    @Override
    protected void doSetup(ManagementClient client, String containerId) throws Exception {
        ModelNode binding = Operations.createAddOperation(Operations.createAddress("socket-binding-group",
                "standard-sockets", "remote-destination-outbound-socket-binding", CONNECTOR));
        binding.get("host").set(HOST);
        binding.get("port").set(PORT);
        executeOperation(client, binding);

        ModelNode connector = Operations.createAddOperation(Operations.createAddress("subsystem",
                "messaging-activemq", "server", "default", "remote-connector", CONNECTOR));
        connector.get("socket-binding").set(CONNECTOR);
        executeOperation(client, connector);
    }
}
