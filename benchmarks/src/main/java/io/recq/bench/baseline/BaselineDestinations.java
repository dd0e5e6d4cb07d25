package io.recq.bench.baseline;

import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSDestinationDefinitions;

/**
 * The baseline's destinations, declared by the application.
 */
@JMSDestinationDefinitions({
        @JMSDestinationDefinition(name = BaselineDestinations.COMMANDS, interfaceName = "jakarta.jms.Queue",
                destinationName = "bench.baseline.commands"),
        @JMSDestinationDefinition(name = BaselineDestinations.QUERIES, interfaceName = "jakarta.jms.Queue",
                destinationName = "bench.baseline.queries"),
        @JMSDestinationDefinition(name = BaselineDestinations.EVENTS, interfaceName = "jakarta.jms.Topic",
                destinationName = "bench.baseline.events")
})
public final class BaselineDestinations {

    /** JNDI name of the command queue. */
    public static final String COMMANDS = "java:/jms/bench/baseline/commands";
    /** JNDI name of the query queue. */
    public static final String QUERIES = "java:/jms/bench/baseline/queries";
    /** JNDI name of the event topic. */
    public static final String EVENTS = "java:/jms/bench/baseline/events";

    /** Message property: what the message carries ({@code OpenAccount}, {@code Deposit}, ...). */
    public static final String TYPE = "type";
    /** Reply property: {@code ok} or {@code failed}. */
    public static final String OUTCOME = "outcome";

    /** Message-driven beans per queue: as many as RECQ's default command and query consumer threads. */
    public static final String SESSIONS = "4";

    private BaselineDestinations() {
    }
}
