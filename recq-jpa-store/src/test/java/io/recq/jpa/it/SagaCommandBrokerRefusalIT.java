package io.recq.jpa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.recq.jpa.it.StoreArchives.await;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import jakarta.transaction.UserTransaction;

import org.jboss.arquillian.container.test.api.Deployment;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.recq.api.Metadata;
import io.recq.cdi.spi.CommandOutbox;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.NewEvent;
import io.recq.cdi.spi.SagaStore;

/**
 * A saga's command is never lost when the broker refuses it at the moment the saga commits: it is stored
 * with the saga's state, in the outbox, and sent once the broker takes commands again. The embedded broker
 * is made to refuse sends to the command queue for real: the queue is paused, holds one message, and its
 * address fails every send once it is over one byte ({@code address-full-policy=FAIL}).
 *
 * <p>The steps run in order: refuse (client, management), start the saga (server), lift the refusal
 * (client), see the command run once (server). In-container assertions use JUnit's own
 * {@code Assertions}: AssertJ is not packaged.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SagaCommandBrokerRefusalIT {

    /** The address of the service's command topic. */
    private static final String ADDRESS = "jms.topic.recq.commands.recq-saga-refusal-it";
    /** The queue of the service's shared durable subscription: Artemis escapes the dots of its name. */
    private static final String SUBSCRIPTION = "recq\\.commands\\.recq-saga-refusal-it";
    /** The tally the saga opens; a static field of the deployment, kept from one server-side step to the next. */
    private static String tally;

    @Deployment
    static WebArchive deployment() {
        return StoreArchives.war("recq-saga-refusal-it", SagaCommandBrokerRefusalIT.class, Faults.class,
                Refusals.class)
                .addClasses(Faults.class.getDeclaredClasses())
                .addClasses(Refusals.class.getDeclaredClasses())
                .addAsResource(new StringAsset("recq.command.outbox-sweep-interval-ms=500\n"
                        + "recq.command.outbox-grace-ms=1000\n"), "META-INF/microprofile-config.properties");
    }

    @Inject
    EventStore eventStore;

    @Inject
    SagaStore sagaStore;

    @Inject
    CommandOutbox outbox;

    @Inject
    UserTransaction transaction;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Inject
    io.recq.cdi.service.ServiceRegistry serviceRegistry;

    @Test
    @Order(1)
    @RunAsClient
    void refuseCommands(@ArquillianResource ManagementClient client) throws Exception {
        ModelNode pause = Operations.createOperation("pause", queue());
        execute(client, pause);
        ModelNode full = Operations.createAddOperation(addressSetting());
        full.get("max-size-bytes").set(1);
        full.get("address-full-policy").set("FAIL");
        execute(client, full);
    }

    @Test
    @Order(2)
    void storesTheSagasCommandWhileTheBrokerRefusesIt() throws Exception {
        // given: the broker refuses commands (one message fills the paused queue's address, the next fails)
        tally = "refused-" + UUID.randomUUID();
        sendRaw("filler-" + UUID.randomUUID());
        assertThrows(JMSRuntimeException.class, () -> sendRaw("probe-" + UUID.randomUUID()),
                "the broker still takes commands");

        // when: an event starts the saga, whose handler sends a command in the saga's transaction
        transaction.begin();
        eventStore.append(List.of(new NewEvent("request-" + tally, 1, "OpeningRequested",
                "{\"aggregateId\":\"request-" + tally + "\",\"tallyId\":\"" + tally + "\"}", "default",
                Metadata.empty(), Instant.now())));
        transaction.commit();

        // then: the saga committed, and its command waits in the outbox, not run
        await("the saga commits", () -> !inTransaction(() -> sagaStore.findByAssociation("OpeningSaga", "tallyId",
                tally)).isEmpty());
        assertTrue(outbox.count() >= 1, "the saga's command is not in the outbox");
        assertEquals(0, eventStore.load(tally, 0).size());
    }

    @Test
    @Order(3)
    @RunAsClient
    void takeCommandsAgain(@ArquillianResource ManagementClient client) throws Exception {
        execute(client, Operations.createRemoveOperation(addressSetting()));
        execute(client, Operations.createOperation("resume", queue()));
    }

    @Test
    @Order(4)
    void sendsTheSagasCommandOnceTheBrokerTakesItAgain() throws Exception {
        // when: the outbox is swept (recq.command.outbox-sweep-interval-ms) now that the broker takes it

        // then: the command ran, once
        await("the saga's command runs", () -> eventStore.load(tally, 0).size() == 1);
        await("the outbox is empty", () -> outbox.count() == 0);
        assertEquals(1, eventStore.load(tally, 0).size());
        assertEquals("TallyOpened", eventStore.load(tally, 0).get(0).payloadName());
    }

    private void sendRaw(String tallyId) {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TextMessage message = context.createTextMessage("{\"aggregateId\":\"" + tallyId + "\"}");
            message.setStringProperty("recq_payload", "OpenTally");
            message.setStringProperty("recq_message_id", UUID.randomUUID().toString());
            message.setStringProperty("recq_metadata", "{}");
            context.createProducer().send(context.createTopic("recq.commands." + serviceRegistry.serviceName()), message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T inTransaction(Callable<T> work) {
        try {
            transaction.begin();
            try {
                return work.call();
            } finally {
                transaction.rollback();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModelNode queue() {
        return Operations.createAddress("subsystem", "messaging-activemq", "server", "default", "runtime-queue",
                SUBSCRIPTION);
    }

    private static ModelNode addressSetting() {
        return Operations.createAddress("subsystem", "messaging-activemq", "server", "default", "address-setting",
                ADDRESS);
    }

    private static void execute(ManagementClient client, ModelNode operation) throws Exception {
        ModelNode result = client.getControllerClient().execute(operation);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new IllegalStateException(operation + " failed: " + Operations.getFailureDescription(result));
        }
    }

}
