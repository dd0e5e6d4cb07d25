package io.recq.jms;

import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSDestinationDefinitions;

/**
 * Declares the default RECQ destinations to the application server, portably: a Jakarta EE server creates
 * them when the deployment containing this jar starts (in {@code WEB-INF/lib} or {@code EAR/lib}), and keeps
 * their messages across redeployments. Deployments that configure other physical names (see
 * {@link JmsConfig}) must have those destinations created on the broker, or use a broker that creates them
 * on first use.
 *
 * <p>It also defines the connection factory the transport uses where the server's default one
 * ({@code java:comp/DefaultJMSConnectionFactory}) is not visible at the application's start: with RECQ in
 * {@code EAR/lib}. It is transactional (the default of the definition), so that consuming, publishing and
 * replying join one JTA transaction; on WildFly it is a pooled connection factory of the embedded broker (its
 * {@code in-vm} connector; without one WildFly uses {@code http-connector}, which needs credentials). A
 * server whose default factory goes elsewhere needs {@code recq.jms.connection-factory} set (see
 * {@link JmsConfig#CONNECTION_FACTORY}).
 */
@JMSConnectionFactoryDefinition(name = RecqDestinations.CONNECTION_FACTORY,
        properties = { "connectors=in-vm", "consumer-window-size=0" },
        description = "RECQ transport, where the default factory is not visible")
@JMSDestinationDefinitions({
        @JMSDestinationDefinition(name = "java:app/recq/jms/commands", interfaceName = "jakarta.jms.Queue",
                destinationName = RecqDestinations.COMMANDS, description = "RECQ commands"),
        @JMSDestinationDefinition(name = "java:app/recq/jms/queries", interfaceName = "jakarta.jms.Queue",
                destinationName = RecqDestinations.QUERIES, description = "RECQ queries"),
        @JMSDestinationDefinition(name = "java:app/recq/jms/events", interfaceName = "jakarta.jms.Topic",
                destinationName = RecqDestinations.EVENTS, description = "RECQ stored events"),
        @JMSDestinationDefinition(name = "java:app/recq/jms/commands-dead-letter",
                interfaceName = "jakarta.jms.Queue", destinationName = RecqDestinations.COMMANDS_DEAD_LETTER,
                description = "RECQ commands that could not be handled")
})
public final class RecqDestinations {

    /** JNDI name of the connection factory RECQ defines. */
    public static final String CONNECTION_FACTORY = "java:app/recq/jms/ConnectionFactory";
    /** Default physical name of the command queue. */
    public static final String COMMANDS = "recq.commands";
    /** Default physical name of the query queue. */
    public static final String QUERIES = "recq.queries";
    /** Default physical name of the event topic. */
    public static final String EVENTS = "recq.events";
    /** Default physical name of the dead-letter queue for commands. */
    public static final String COMMANDS_DEAD_LETTER = "recq.commands.dlq";

    private RecqDestinations() {
    }
}
