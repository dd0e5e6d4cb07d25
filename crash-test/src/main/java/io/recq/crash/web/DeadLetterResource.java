package io.recq.crash.web;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A read-only look, with a plain JMS browser, at the queues a command can end up on instead of its handler: the
 * command dead-letter queue ({@code recq.commands.dlq}) and the server's expiry queue (where the broker moves a
 * message whose time-to-live ran out). Each message is shown with its {@code recq_*} properties and its body, so
 * that the crash test can tell which commands went there without depending on RECQ's internals.
 */
@Path("/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    /** The expiry queue of WildFly's {@code standalone-full.xml}. */
    static final String EXPIRY_QUEUE = "java:/jms/queue/ExpiryQueue";

    @Inject
    JMSContext context;

    @Resource(lookup = "java:app/recq/jms/commands-dead-letter")
    Queue deadLetters;

    /**
     * @return the messages on the command dead-letter queue
     * @throws JMSException when the broker cannot be browsed
     */
    @GET
    public List<Map<String, String>> list() throws JMSException {
        return browse(deadLetters);
    }

    /**
     * @return the messages on the server's expiry queue
     * @throws JMSException when the broker cannot be browsed
     * @throws NamingException when the server has no expiry queue
     */
    @GET
    @Path("/expired")
    public List<Map<String, String>> expired() throws JMSException, NamingException {
        return browse((Queue) new InitialContext().lookup(EXPIRY_QUEUE));
    }

    private List<Map<String, String>> browse(Queue queue) throws JMSException {
        List<Map<String, String>> messages = new ArrayList<>();
        try (QueueBrowser browser = context.createBrowser(queue)) {
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
