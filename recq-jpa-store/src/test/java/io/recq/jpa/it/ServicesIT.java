package io.recq.jpa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.recq.jpa.it.StoreArchives.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.jboss.shrinkwrap.api.asset.StringAsset;
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
import io.recq.jpa.it.legacy.LegacySender;

/**
 * Several RECQ applications in one WildFly form one system over its broker and the store: a domain service
 * (an aggregate), a views service (a projector and a projection over the shared database) and a front (this
 * test's WAR) that holds no handler and sends every command and query by its payload class. A type no running
 * service handles fails at once; a service claiming another running service's command does not deploy;
 * undeploying the views leaves commands working and its redeployment catches its read model up; the catalog
 * lists the services with what they handle; a message the domain service cannot read goes to its dead-letter
 * queue with the reason; a service whose gating projector replays receives its commands only once it is ready; a
 * service built with another version of a payload class is refused, and the catalog names both shapes.
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
    private static final String GATED = "ledger-gated";
    private static final String LEGACY = "ledger-legacy";

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

    @Deployment(name = GATED, managed = false, testable = false)
    static WebArchive gated() {
        return api(StoreArchives.war(GATED, AccountsGated.class)
                .addClasses(AccountsGated.class.getDeclaredClasses())
                .addAsResource(new StringAsset("recq.projector.SlowProjector.gating=true\n"),
                        "META-INF/microprofile-config.properties"));
    }

    @Deployment(name = LEGACY, managed = false, testable = false)
    static WebArchive legacy() {
        return StoreArchives.war(LEGACY, LegacySender.class, LegacySender.OpenWallet.class);
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

    /** The names the transport gives its destinations on this broker. */
    @Inject
    io.recq.jms.JmsConfig jmsConfig;

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
        Object opened = commandGateway.sendAndWait(new AccountsApi.OpenWallet(account, "ann"));
        Object deposited = commandGateway.sendAndWait(new AccountsApi.TopUp(account, 100));

        // then: each result is the event, read into the front's class; the views service's read model has it
        assertEquals(new AccountsApi.WalletOpened(account, "ann"), opened);
        assertEquals(new AccountsApi.ToppedUp(account, 100, 100), deposited);
        assertEquals(new AccountsApi.Balance(account, "ann", 100), awaitBalance(100));
    }

    @Test
    @Order(3)
    @OperateOnDeployment(FRONT)
    void refusesATypeNoRunningServiceHandlesAtOnce() {
        // when
        long start = System.nanoTime();
        HandlerNotFoundException failure = assertThrows(HandlerNotFoundException.class,
                () -> commandGateway.sendAndWait(new AccountsApi.CloseWallet(account)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then: named, and long before the command timeout (30 s)
        assertTrue(failure.getMessage().contains("RECQ-01002"), failure.getMessage());
        assertTrue(failure.getMessage().contains("CloseWallet"), failure.getMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
    }

    @Test
    @Order(4)
    @OperateOnDeployment(FRONT)
    void listsTheServicesWithWhatTheyHandleConsumeAndSend() throws Exception {
        // then: what the front sends reaches the catalog with its next heartbeat
        await("the front's sends in the catalog", () -> catalog.service(FRONT)
                .map(s -> roles(s).containsAll(List.of("sends-command OpenWallet", "sends-query FindBalance")))
                .orElse(false));
        Catalog.ServiceEntry domain = catalog.service(DOMAIN).orElseThrow();
        Catalog.ServiceEntry views = catalog.service(VIEWS).orElseThrow();
        assertTrue(roles(domain).containsAll(List.of("handles-command OpenWallet", "handles-command TopUp")),
                domain::toString);
        assertTrue(roles(views).containsAll(List.of("handles-query FindBalance", "consumes-event WalletOpened",
                "consumes-event ToppedUp")), views::toString);
        assertEquals(1, domain.instances().size(), domain::toString);
        assertTrue(domain.instances().get(0).ready(), domain::toString);
        assertEquals(FRONT, catalog.self());
        assertTrue(catalog.mismatches().isEmpty(), () -> catalog.mismatches().toString());
        Catalog.MessageEntry open = domain.messages().stream().filter(m -> m.payloadType().equals("OpenWallet"))
                .findFirst().orElseThrow();
        assertEquals(AccountsApi.OpenWallet.class.getName(), open.payloadClass());
        assertTrue(open.jsonSchema().contains("\"owner\":{\"type\":\"string\"}"), open.jsonSchema());
        assertTrue(catalog.consumers().stream().anyMatch(c -> c.id().startsWith("Projector:BalancesProjector:")),
                () -> catalog.consumers().toString());
    }

    @Test
    @Order(5)
    @RunAsClient
    void refusesToDeployASecondServiceHandlingTheSameCommand(@ArquillianResource Deployer deployer)
            throws Exception {
        // when
        Exception failure = assertThrows(Exception.class, () -> deployer.deploy(RIVAL));

        // then
        String message = messages(failure);
        assertTrue(message.contains("RECQ-01401"), message);
        assertTrue(message.contains(DOMAIN) && message.contains(RIVAL), message);
        assertTrue(message.contains("OpenWallet"), message);
        // and the failed deployment's health checks, which the server keeps calling, leave its health alone
        for (String health : List.of("ready", "live")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(StoreArchives.health(health)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
        }
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
        Object deposited = commandGateway.sendAndWait(new AccountsApi.TopUp(account, 50));

        // then: the views left the catalog when they were undeployed; once the front's routes are read again
        // (recq.service.routes-refresh-ms), their query fails at once
        assertEquals(new AccountsApi.ToppedUp(account, 50, 150), deposited);
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
        // given: a command whose JSON is not an OpenWallet, sent as any JMS client can
        unreadable = "unreadable-" + UUID.randomUUID();
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TextMessage message = context.createTextMessage("[\"not\", \"an\", \"object\"]");
            message.setStringProperty("recq_payload", "OpenWallet");
            message.setStringProperty("recq_message_id", unreadable);
            message.setStringProperty("recq_metadata", "{}");
            message.setStringProperty("recq_routing_key", unreadable);
            message.setStringProperty("JMSXGroupID", unreadable);
            context.createProducer().send(context.createTopic(jmsConfig.commandDestination(DOMAIN)), message);
        }

        // then
        await("the dead letter", () -> !deadReason(unreadable).isEmpty());
        String reason = deadReason(unreadable);
        assertTrue(reason.contains("RECQ-01003"), reason);
        assertTrue(reason.contains("OpenWallet"), reason);
    }

    @Test
    @Order(11)
    @RunAsClient
    void deployAServiceWhoseGatingProjectorReplays(@ArquillianResource Deployer deployer) {
        deployer.deploy(GATED);
    }

    @Test
    @Order(12)
    @OperateOnDeployment(FRONT)
    void sendsNothingToAServiceBeforeItIsReady() {
        // when: the gated service is deployed, and its projector replays the accounts' events (at least the
        // three of this test's account), taking its time over each
        AccountsApi.Knocked knocked = commandGateway.sendAndWait(new AccountsApi.Knock("knock-" + account));

        // then: the command waited for the service to be ready, after the replay
        assertTrue(knocked.replayed() >= 3, "handled after " + knocked.replayed() + " replayed events");
    }

    @Test
    @Order(13)
    @RunAsClient
    void undeployTheGatedService(@ArquillianResource Deployer deployer) {
        deployer.undeploy(GATED);
    }

    @Test
    @Order(14)
    @RunAsClient
    void deployAServiceWithAnotherVersionOfThePayloads(@ArquillianResource Deployer deployer) {
        deployer.deploy(LEGACY);
    }

    @Test
    @Order(15)
    @OperateOnDeployment(FRONT)
    void reportsACommandSentInAnotherShapeAndRefusesIt() throws Exception {
        // when: the legacy service sends its OpenWallet, with a currency the domain service's class lacks
        String answer = get("http://localhost:8080/" + LEGACY + "/open?account=legacy-" + UUID.randomUUID());

        // then: refused as unreadable, nothing stored; and the catalog names both shapes
        assertTrue(answer.startsWith("failed InvalidPayloadException") && answer.contains("currency"), answer);
        await("the legacy service's sends in the catalog", () -> !catalog.mismatches().isEmpty());
        Catalog.Mismatch mismatch = catalog.mismatches().get(0);
        assertEquals("OpenWallet", mismatch.payloadType());
        assertEquals(DOMAIN, mismatch.handler());
        assertEquals(LEGACY, mismatch.sender());
        assertTrue(mismatch.senderSchema().contains("currency") && !mismatch.handlerSchema().contains("currency"),
                mismatch::toString);
    }

    @Test
    @Order(16)
    @RunAsClient
    void undeployTheLegacyService(@ArquillianResource Deployer deployer) {
        deployer.undeploy(LEGACY);
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
        try {
            return get("http://localhost:8080/" + DOMAIN + "/dead-commands?messageId=" + messageId);
        } catch (IOException e) {
            return "";
        }
    }

    private static String get(String url) throws IOException {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
