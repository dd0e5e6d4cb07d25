package io.recq.jpa.it;

import org.jboss.as.arquillian.api.ReloadIfRequired;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Lets a client outside the server reach its embedded broker without an application user: messaging security
 * off (the http acceptor on port 8080 is the door, through HTTP upgrade), and on again afterwards.
 */
@ReloadIfRequired(value = 120, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
public class OpenMessagingSetup implements ServerSetupTask {

    /** The embedded broker's URL for a client outside the server. */
    static final String BROKER_URL = "tcp://127.0.0.1:8080?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor";

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        executeOperation(client, securityEnabled(false));
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        executeOperation(client, securityEnabled(true));
    }

    private static ModelNode securityEnabled(boolean enabled) {
        ModelNode op = new ModelNode();
        op.get("operation").set("write-attribute");
        op.get("address").add("subsystem", "messaging-activemq").add("server", "default");
        op.get("name").set("security-enabled");
        op.get("value").set(enabled);
        return op;
    }
}
