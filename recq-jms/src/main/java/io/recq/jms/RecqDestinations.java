package io.recq.jms;

import jakarta.jms.JMSDestinationDefinition;

/**
 * The destinations RECQ uses, and the one it declares to the application server.
 *
 * <p>Commands and queries travel on topics, one per service ({@code recq.commands.<service>},
 * {@code recq.queries.<service>}), and stored events are announced on the topic {@code recq.events}: the broker
 * creates a topic's address on first use (WildFly's embedded broker and a standalone Artemis do by default), and
 * each service consumes its own through a shared subscription named like the topic (durable for commands, so
 * that they wait in the broker while the service restarts). Nothing is declared for them, so any number of RECQ
 * applications share one server and one broker.
 *
 * <p>The dead-letter queue is the deployment's own: declared here without a physical name, the server gives it
 * one unique to the application, so that two applications in one server do not declare the same queue. Set
 * {@code recq.jms.dead-letter-queue} to use a queue of the broker instead.
 *
 * <p>It defines no connection factory: WildFly registers a factory defined by an application under its JNDI name
 * without the application's ({@code java:/recq/...} for {@code java:app/recq/...}), so that a second application
 * defining the same name fails to deploy. The transport uses the server's default factory (see
 * {@link JmsConfig#CONNECTION_FACTORY}).
 */
@JMSDestinationDefinition(name = RecqDestinations.DEAD_LETTERS, interfaceName = "jakarta.jms.Queue",
        description = "RECQ commands of this application that could not be handled")
public final class RecqDestinations {

    /**
     * Where WildFly binds its default JMS connection factory for every application: found at the start of an
     * application with RECQ in {@code EAR/lib}, where {@code java:comp} is not visible.
     */
    public static final String SERVER_CONNECTION_FACTORY = "java:jboss/DefaultJMSConnectionFactory";
    /** First part of the names of the command topics, one per service. */
    public static final String COMMANDS = "recq.commands";
    /** First part of the names of the query topics, one per service. */
    public static final String QUERIES = "recq.queries";
    /** Physical name of the topic stored events are announced on, shared by every service. */
    public static final String EVENTS = "recq.events";
    /**
     * First part of the name of a service's dead-letter queue in the broker ({@code recq.dead-letters.<service>}),
     * used where the application's own ({@link #DEAD_LETTERS}) is not defined.
     */
    public static final String SERVICE_DEAD_LETTERS = "recq.dead-letters";
    /** JNDI name of the application's own dead-letter queue. */
    public static final String DEAD_LETTERS = "java:app/recq/jms/commands-dead-letter";

    private RecqDestinations() {
    }
}
