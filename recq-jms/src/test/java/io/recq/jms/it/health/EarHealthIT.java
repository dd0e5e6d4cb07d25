package io.recq.jms.it.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.jms.RecqDestinations;
import io.recq.jms.health.BrokerReadinessCheck;
import io.recq.jms.it.RecqArchives;

/**
 * An EAR with the RECQ jars and the application's query type in {@code EAR/lib}, the projection that answers
 * the query and the EJB it asks in an EJB module, and a servlet that sends the query in a WAR (whose empty
 * {@code beans.xml} lets the servlet be injected). The transport's readiness check must be in the server's
 * {@code /health/ready} once for the application, and UP while the embedded broker runs.
 *
 * <p>The transport must have started with the deployment, before any request: beans in {@code EAR/lib} learn
 * that the application starts on a thread without {@code java:comp}, so RECQ takes its resources from
 * {@code java:app} and CDI there (see {@code docs/2026-11-25-ear-startup.md}). A query sent from an EJB with
 * container-managed transactions, where {@code java:comp/UserTransaction} is refused, must then be answered.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EarHealthIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        JavaArchive queries = ShrinkWrap.create(JavaArchive.class, "stock-api.jar").addClass(CountStock.class);
        JavaArchive ejb = ShrinkWrap.create(JavaArchive.class, "stock-ejb.jar")
                .addClasses(StockProjection.class, StockDesk.class, StockCounter.class);
        WebArchive web = ShrinkWrap.create(WebArchive.class, "stock-web.war")
                .addClasses(StockServlet.class, StockCounterServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        return ShrinkWrap.create(EnterpriseArchive.class, "health.ear")
                .addAsModule(ejb)
                .addAsModule(web)
                .addAsLibraries(RecqArchives.libraries())
                .addAsLibrary(queries);
    }

    @Test
    @Order(1)
    @RunAsClient
    void startsAtDeploymentAndReportsTheBrokerReadyOnceWithTheRecqJarsInEarLib() throws Exception {
        // given: the application is deployed and has served no request

        // when
        JsonObject report = HealthEndpoint.readiness();

        // then
        List<JsonObject> checks = HealthEndpoint.checks(report, BrokerReadinessCheck.NAME);
        assertEquals(1, checks.size(), "RECQ checks in " + report);
        JsonObject testSubject = checks.get(0);
        assertEquals("UP", testSubject.getString("status"), testSubject::toString);
        // in EAR/lib there is no java:comp at the start: WildFly's server-wide name, Payara's default in java:comp
        // (which Payara resolves there); one consumer per subscription on Open MQ, four on Artemis
        assertEquals(HealthEndpoint.onPayara() ? "java:comp/DefaultJMSConnectionFactory"
                : RecqDestinations.SERVER_CONNECTION_FACTORY,
                testSubject.getJsonObject("data").getString("connection-factory"));
        // a JSON number on WildFly, a string on Payara
        assertEquals(HealthEndpoint.onPayara() ? "1" : "4",
                testSubject.getJsonObject("data").get("consumer-threads").toString().replace("\"", ""),
                testSubject::toString);
    }

    @Test
    @Order(2)
    @RunAsClient
    void answersQueriesSentFromAContainerManagedTransactionEjbAndFromTheWar() throws Exception {
        // when
        String fromEjb = get("/stock-web/stock-counter?sku=abcd");
        String fromWar = get("/stock-web/stock?sku=abc");

        // then
        assertEquals("4", fromEjb);
        assertEquals("3", fromWar);
    }

    private static String get(String path) throws Exception {
        int port = 8080 + Integer.getInteger("recq.port.offset", 0);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }
}
