package io.recq.jpa.plain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A program that is not a RECQ application: it knows the wire format (docs/wire-format.md), the Jakarta
 * Messaging API and the broker's client, nothing of RECQ. It opens an account of a RECQ service, deposits into
 * it, reads the events the service stored from the event topic, asks a query and sends a command the service
 * cannot read; it prints what it received, one {@code key=value} line each, and exits.
 *
 * <p>Arguments: the broker's URL, the service's name, the account id. The lines it prints are read by
 * {@code PlainJmsClientIT}, which runs it in a JVM of its own with only the broker client on its class path.
 */
public final class PlainJmsClient {

    private static final long WAIT_MS = 20_000;

    private PlainJmsClient() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String service = args[1];
        String account = args[2];
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url)) {
            // WildFly's embedded broker names a JMS topic X's address jms.topic.X
            factory.setEnable1xPrefixes(true);
            run(factory, service, account);
        }
    }

    private static void run(ActiveMQConnectionFactory factory, String service, String account) throws Exception {
        try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = context.createTemporaryQueue();
            JMSConsumer replyConsumer = context.createConsumer(replies);
            JMSConsumer events = context.createConsumer(context.createTopic("recq.events"),
                    "recq_aggregate_id = '" + account + "'");

            Message opened = request(context, context.createTopic("recq.commands." + service), replies, replyConsumer,
                    "OpenWallet", "{\"aggregateId\":\"" + account + "\",\"owner\":\"plain\"}", account, true);
            print("open", opened);
            Message deposited = request(context, context.createTopic("recq.commands." + service), replies,
                    replyConsumer, "TopUp", "{\"aggregateId\":\"" + account + "\",\"amount\":25}", account, true);
            print("deposit", deposited);

            List<String> stored = new ArrayList<>();
            long deadline = System.currentTimeMillis() + WAIT_MS;
            while (stored.size() < 2 && System.currentTimeMillis() < deadline) {
                Message event = events.receive(1_000);
                if (event != null) {
                    stored.add(event.getStringProperty("recq_payload") + "@" + event.getLongProperty("recq_sequence")
                            + ":" + event.getBody(String.class));
                }
            }
            System.out.println("events=" + String.join(" | ", stored));

            Topic queries = context.createTopic("recq.queries." + service);
            String balance = "";
            while (!balance.contains("\"balance\":25") && System.currentTimeMillis() < deadline) {
                Message answer = request(context, queries, replies, replyConsumer, "FindBalance",
                        "{\"accountId\":\"" + account + "\"}", null, false);
                balance = answer == null ? "" : answer.getBody(String.class);
                if (!balance.contains("\"balance\":25")) {
                    Thread.sleep(200);
                }
            }
            System.out.println("query=" + balance);

            Message refused = request(context, context.createTopic("recq.commands." + service), replies,
                    replyConsumer, "OpenWallet", "{\"aggregateId\":\"" + account + "\",\"owner\":\"plain\","
                            + "\"currency\":\"EUR\"}", account + "-other", true);
            print("refused", refused);
        }
    }

    private static Message request(JMSContext context, Topic destination, TemporaryQueue replies,
            JMSConsumer replyConsumer, String type, String json, String routingKey, boolean persistent)
            throws Exception {
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        TextMessage message = context.createTextMessage(json);
        message.setIntProperty("recq_format", 1);
        message.setStringProperty("recq_payload", type);
        message.setStringProperty("recq_message_id", id);
        message.setStringProperty("recq_metadata", "{\"client\":\"plain\"}");
        message.setLongProperty("recq_timestamp", now);
        message.setLongProperty("recq_deadline", now + WAIT_MS);
        if (routingKey != null) {
            message.setStringProperty("recq_routing_key", routingKey);
            message.setStringProperty("JMSXGroupID", routingKey);
        }
        message.setJMSReplyTo(replies);
        message.setJMSCorrelationID(id);
        context.createProducer().setDeliveryMode(persistent ? jakarta.jms.DeliveryMode.PERSISTENT
                : jakarta.jms.DeliveryMode.NON_PERSISTENT).setTimeToLive(persistent ? 0 : WAIT_MS)
                .send(destination, message);
        long deadline = now + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            Message reply = replyConsumer.receive(1_000);
            if (reply != null && id.equals(reply.getJMSCorrelationID())) {
                return reply;
            }
        }
        return null;
    }

    private static void print(String what, Message reply) throws Exception {
        if (reply == null) {
            System.out.println(what + "=no reply");
            return;
        }
        System.out.println(what + "=" + reply.getStringProperty("recq_outcome") + " "
                + reply.getStringProperty("recq_payload") + " " + reply.getStringProperty("recq_error_code") + " "
                + reply.getBody(String.class));
    }
}
