package io.recq.jms.it.health;

import jakarta.jms.JMSConnectionFactoryDefinition;

/**
 * A pooled connection factory of the deployment whose broker cannot be reached: its connector points at a
 * port where nothing listens ({@link UnreachableBrokerSetup}). The deployment's
 * {@code microprofile-config.properties} makes it the transport's factory.
 */
@JMSConnectionFactoryDefinition(name = UnreachableBroker.CONNECTION_FACTORY,
        properties = "connectors=" + UnreachableBrokerSetup.CONNECTOR)
public final class UnreachableBroker {

    /** The JNDI name of the factory. */
    public static final String CONNECTION_FACTORY = "java:app/recq/test/UnreachableConnectionFactory";

    private UnreachableBroker() {
    }
}
