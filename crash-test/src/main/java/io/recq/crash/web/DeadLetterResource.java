package io.recq.crash.web;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.recq.api.DeadCommandQueue;

/**
 * A read-only look at the queues a command can end up on instead of its handler: the application's dead command
 * queue (through RECQ's {@link DeadCommandQueue}) and the broker's expiry queue (where the broker moves a message
 * whose time-to-live ran out, browsed with plain JMS). Each message is shown with its {@code recq_*} properties
 * and its body, so that the crash test can tell which commands went there.
 *
 * <p>The expiry queue is browsed on the broker RECQ uses: through the connection factory of
 * {@code recq.jms.connection-factory} when it is configured (a standalone broker), else the server's default one
 * (the embedded broker). It is {@code ExpiryQueue} on both: WildFly's embedded broker and a standalone Artemis
 * created with {@code artemis create} both have one by that name.
 */
@Path("/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    /** The expiry queue's physical name. */
    static final String EXPIRY_QUEUE = "ExpiryQueue";

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory defaultFactory;

    @Inject
    @ConfigProperty(name = "recq.jms.connection-factory")
    Optional<String> connectionFactory;

    @Inject
    DeadCommandQueue deadCommands;

    /**
     * @return the commands in the dead command queue
     */
    @GET
    public List<Map<String, String>> list() {
        List<Map<String, String>> messages = new ArrayList<>();
        for (DeadCommandQueue.Entry entry : deadCommands.list(10_000)) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("recq_message_id", entry.messageId());
            properties.put("recq_payload", entry.commandType());
            properties.put("recq_dead_reason", entry.reason());
            properties.put("body", entry.json());
            messages.add(properties);
        }
        return messages;
    }

    /**
     * @return the messages on the broker's expiry queue
     * @throws JMSException when the broker cannot be browsed
     * @throws NamingException when the configured connection factory does not exist
     */
    @GET
    @Path("/expired")
    public List<Map<String, String>> expired() throws JMSException, NamingException {
        return browse(EXPIRY_QUEUE);
    }

    private List<Map<String, String>> browse(String queue) throws JMSException, NamingException {
        ConnectionFactory factory = connectionFactory.isPresent()
                ? (ConnectionFactory) new InitialContext().lookup(connectionFactory.get()) : defaultFactory;
        List<Map<String, String>> messages = new ArrayList<>();
        try (JMSContext context = factory.createContext();
                QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            Enumeration<?> enumeration = browser.getEnumeration();
            while (enumeration.hasMoreElements()) {
                Message message = (Message) enumeration.nextElement();
                Map<String, String> properties = new LinkedHashMap<>();
                for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements();) {
                    String name = (String) names.nextElement();
                    if (name.startsWith("recq") || name.startsWith("JMSX")) {
                        properties.put(name, String.valueOf(message.getObjectProperty(name)));
                    }
                }
                if (message instanceof TextMessage text) {
                    properties.put("body", text.getText());
                }
                messages.add(properties);
            }
        }
        return messages;
    }
}
