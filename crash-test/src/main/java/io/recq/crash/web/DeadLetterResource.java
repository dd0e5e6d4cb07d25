package io.recq.crash.web;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A read-only look at the command dead-letter queue ({@code recq.commands.dlq}) with a plain JMS browser: the
 * message properties RECQ keeps on a dead-lettered command ({@code recq-*}), so that the crash test can tell
 * which commands were dead-lettered without depending on RECQ's internals.
 */
@Path("/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    @Inject
    JMSContext context;

    @Resource(lookup = "java:app/recq/jms/commands-dead-letter")
    Queue deadLetters;

    /**
     * @return one map of the {@code recq-*} string properties per message on the queue
     * @throws JMSException when the broker cannot be browsed
     */
    @GET
    public List<Map<String, String>> list() throws JMSException {
        List<Map<String, String>> messages = new ArrayList<>();
        try (QueueBrowser browser = context.createBrowser(deadLetters)) {
            Enumeration<?> enumeration = browser.getEnumeration();
            while (enumeration.hasMoreElements()) {
                Message message = (Message) enumeration.nextElement();
                Map<String, String> properties = new LinkedHashMap<>();
                for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements();) {
                    String name = (String) names.nextElement();
                    if (name.startsWith("recq")) {
                        properties.put(name, String.valueOf(message.getObjectProperty(name)));
                    }
                }
                messages.add(properties);
            }
        }
        return messages;
    }
}
