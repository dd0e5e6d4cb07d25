package io.recq.jpa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.recq.jpa.it.StoreArchives.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.api.Catalog;
import io.recq.api.CommandGateway;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.QueryGateway;
import io.recq.api.Single;

/**
 * Several RECQ applications in one WildFly form one system over its broker and the store: a domain service
 * (an aggregate), a views service (a projector and a projection over the shared database) and a front (this
 * test's WAR) that holds no handler and sends every command and query by its payload class. A type no running
 * service handles fails at once; a service claiming another running service's command does not deploy;
 * undeploying the views leaves commands working and its redeployment catches its read model up; the catalog
 * lists the services with what they handle; a message the domain service cannot read goes to its dead-letter
 * queue with the reason.
 *
 * <p>The steps run in order, as the client (deployments) or in the front's WAR. In-container assertions use
 * JUnit's own {@code Assertions}: AssertJ is not packaged.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServicesIT {

    private static final String DOMAIN = "ledger-domain";
    private static final String VIEWS = "ledger-views";
    private static final String FRONT = "ledger-front";
    private static final String RIVAL = "ledger-rival";

    /** The account the steps work on: a static field of the front's deployment, kept from step to step. */
    private static String account;
    /** The message id of the unreadable command sent to the domain service. */
    private static String unreadable;

    @Deployment(name = DOMAIN, order = 1, testable = false)
    static WebArchive domain() {
        return api(StoreArchives.war(DOMAIN, AccountsDomain.class)
                .addClasses(AccountsDomain.class.getDeclaredClasses()));
    }

    @Deployment(name = FRONT, order = 2)
    static WebArchive front() {
        return api(StoreArchives.war(FRONT, ServicesIT.class));
    }

    @Deployment(name = VIEWS, managed = false, testable = false)
    static WebArchive views() {
        return api(StoreArchives.war(VIEWS, AccountsViews.class)
                .addClasses(AccountsViews.class.getDeclaredClasses()));
    }

    @Deployment(name = RIVAL, managed = false, testable = false)
    static WebArchive rival() {
        return api(StoreArchives.war(RIVAL, AccountsRival.class)
                .addClasses(AccountsRival.class.getDeclaredClasses()));
    }

    private static WebArchive api(WebArchive archive) {
        return archive.addClasses(AccountsApi.class).addClasses(AccountsApi.class.getDeclaredClasses());
    }

    @Inject
    CommandGateway commandGateway;

    @Inject
    QueryGateway queryGateway;

    @Inject
    Catalog catalog;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Test
    @Order(1)
    @RunAsClient
    void deployTheViews(@ArquillianResource Deployer deployer) {
        deployer.deploy(VIEWS);
    }

    @Test
    @Order(2)
    @OperateOnDeployment(FRONT)
    void sendsCommandsAndQueriesToTheServicesThatHandleThem() throws Exception {
        // given
        account = "acc-" + UUID.randomUUID();

        // when: the front holds no handler; the domain service handles the commands, the views the query
        Object opened = commandGateway.sendAndWait(new AccountsApi.OpenAccount(account, "ann"));
        Object deposited = commandGateway.sendAndWait(new AccountsApi.Deposit(account, 100));

        // then: each result is the event, read into the front's class; the views service's read model has it
        assertEquals(new AccountsApi.AccountOpened(account, "ann"), opened);
        assertEquals(new AccountsApi.Deposited(account, 100, 100), deposited);
        assertEquals(new AccountsApi.Balance(account, "ann", 100), awaitBalance(100));
    }

    @Test
    @Order(3)
    @OperateOnDeployment(FRONT)
    void refusesATypeNoRunningServiceHandlesAtOnce() {
        // when
        long start = System.nanoTime();
        HandlerNotFoundException failure = assertThrows(HandlerNotFoundException.class,
                () -> commandGateway.sendAndWait(new AccountsApi.CloseAccount(account)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then: named, and long before the command timeout (30 s)
        assertTrue(failure.getMessage().contains("RECQ-01002"), failure.getMessage());
        assertTrue(failure.getMessage().contains("CloseAccount"), failure.getMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
    }

    @Test
    @Order(4)
    @OperateOnDeployment(FRONT)
    void listsTheServicesWithWhatTheyHandleConsumeAndSend() throws Exception {
        // then: what the front sends reaches the catalog with its next heartbeat
        await("the front's sends in the catalog", () -> catalog.service(FRONT)
                .map(s -> roles(s).containsAll(List.of("sends-command OpenAccount", "sends-query FindBalance")))
                .orElse(false));
        Catalog.ServiceEntry domain = catalog.service(DOMAIN).orElseThrow();
        Catalog.ServiceEntry views = catalog.service(VIEWS).orElseThrow();
        assertTrue(roles(domain).containsAll(List.of("handles-command OpenAccount", "handles-command Deposit")),
                domain::toString);
        assertTrue(roles(views).containsAll(List.of("handles-query FindBalance", "consumes-event AccountOpened",
                "consumes-event Deposited")), views::toString);
        assertEquals(1, domain.instances().size(), domain::toString);
        assertTrue(domain.instances().get(0).ready(), domain::toString);
        assertEquals(FRONT, catalog.self());
        assertTrue(catalog.mismatches().isEmpty(), () -> catalog.mismatches().toString());
        Catalog.MessageEntry open = domain.messages().stream().filter(m -> m.payloadType().equals("OpenAccount"))
                .findFirst().orElseThrow();
        assertEquals(AccountsApi.OpenAccount.class.getName(), open.payloadClass());
        assertTrue(open.jsonSchema().contains("\"owner\":{\"type\":\"string\"}"), open.jsonSchema());
        assertTrue(catalog.consumers().stream().anyMatch(c -> c.id().startsWith("Projector:BalancesProjector:")),
                () -> catalog.consumers().toString());
    }

    @Test
    @Order(5)
    @RunAsClient
    void refusesToDeployASecondServiceHandlingTheSameCommand(@ArquillianResource Deployer deployer) {
        // when
        Exception failure = assertThrows(Exception.class, () -> deployer.deploy(RIVAL));

        // then
        String message = messages(failure);
        assertTrue(message.contains("RECQ-01401"), message);
        assertTrue(message.contains(DOMAIN) && message.contains(RIVAL), message);
        assertTrue(message.contains("OpenAccount"), message);
    }

    @Test
    @Order(6)
    @RunAsClient
    void undeployTheViews(@ArquillianResource Deployer deployer) {
        deployer.undeploy(VIEWS);
    }

    @Test
    @Order(7)
    @OperateOnDeployment(FRONT)
    void keepsHandlingCommandsWithoutTheViewsAndRefusesTheirQueries() throws InterruptedException {
        // when
        Object deposited = commandGateway.sendAndWait(new AccountsApi.Deposit(account, 50));

        // then: the views left the catalog when they were undeployed; once the front's routes are read again
        // (recq.service.routes-refresh-ms), their query fails at once
        assertEquals(new AccountsApi.Deposited(account, 50, 150), deposited);
        assertFalse(catalog.service(VIEWS).isPresent(), () -> catalog.services().toString());
        Thread.sleep(1_100);
        long start = System.nanoTime();
        HandlerNotFoundException failure = assertThrows(HandlerNotFoundException.class,
                () -> queryGateway.queryAndWait(new AccountsApi.FindBalance(account)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(failure.getMessage().contains("FindBalance"), failure.getMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
    }

    @Test
    @Order(8)
    @RunAsClient
    void redeployTheViews(@ArquillianResource Deployer deployer) {
        deployer.deploy(VIEWS);
    }

    @Test
    @Order(9)
    @OperateOnDeployment(FRONT)
    void catchesTheRedeployedViewsUp() throws Exception {
        assertEquals(new AccountsApi.Balance(account, "ann", 150), awaitBalance(150));
    }

    @Test
    @Order(10)
    @OperateOnDeployment(FRONT)
    void movesACommandTheDomainCannotReadToItsDeadLetterQueue() throws Exception {
        // given: a command whose JSON is not an OpenAccount, sent as any JMS client can
        unreadable = "unreadable-" + UUID.randomUUID();
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TextMessage message = context.createTextMessage("[\"not\", \"an\", \"object\"]");
            message.setStringProperty("recq_payload", "OpenAccount");
            message.setStringProperty("recq_message_id", unreadable);
            message.setStringProperty("recq_metadata", "{}");
            message.setStringProperty("recq_routing_key", unreadable);
            message.setStringProperty("JMSXGroupID", unreadable);
            context.createProducer().send(context.createTopic("recq.commands." + DOMAIN), message);
        }

        // then
        await("the dead letter", () -> !deadReason(unreadable).isEmpty());
        String reason = deadReason(unreadable);
        assertTrue(reason.contains("RECQ-01003"), reason);
        assertTrue(reason.contains("OpenAccount"), reason);
    }

    private AccountsApi.Balance awaitBalance(long expected) throws InterruptedException {
        await("the balance " + expected + " of " + account, () -> balance().map(b -> b.balance() == expected)
                .orElse(false));
        return balance().orElseThrow();
    }

    private Optional<AccountsApi.Balance> balance() {
        Single<AccountsApi.Balance> answer = queryGateway.queryAndWait(new AccountsApi.FindBalance(account));
        return answer.data() == null ? Optional.empty() : Optional.of(answer.data());
    }

    private static Set<String> roles(Catalog.ServiceEntry service) {
        return service.messages().stream().map(m -> m.role() + " " + m.payloadType()).collect(Collectors.toSet());
    }

    private static String deadReason(String messageId) {
        try (InputStream in = URI.create("http://localhost:8080/" + DOMAIN + "/dead-commands?messageId=" + messageId)
                .toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
