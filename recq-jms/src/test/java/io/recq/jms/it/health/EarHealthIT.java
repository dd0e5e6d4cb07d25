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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.jms.health.BrokerReadinessCheck;
import io.recq.jms.it.RecqArchives;

/**
 * An EAR with the RECQ jars and the application's query type in {@code EAR/lib}, the projection that answers
 * the query and the EJB it asks in an EJB module, and a servlet that sends the query in a WAR (whose empty
 * {@code beans.xml} lets the servlet be injected). The transport's readiness check must be in the server's
 * {@code /health/ready} once for the application, and UP while the embedded broker runs.
 *
 * <p>The application serves one request first: WildFly tells beans in {@code EAR/lib} that the application
 * starts only on a thread without {@code java:comp}, so the transport of an EAR starts with the first
 * command or query of a web component (see {@code docs/2026-11-25-health-checks.md}).
 */
@ExtendWith(ArquillianExtension.class)
class EarHealthIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        JavaArchive queries = ShrinkWrap.create(JavaArchive.class, "stock-api.jar").addClass(CountStock.class);
        JavaArchive ejb = ShrinkWrap.create(JavaArchive.class, "stock-ejb.jar")
                .addClasses(StockProjection.class, StockDesk.class);
        WebArchive web = ShrinkWrap.create(WebArchive.class, "stock-web.war").addClass(StockServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        return ShrinkWrap.create(EnterpriseArchive.class, "health.ear")
                .addAsModule(ejb)
                .addAsModule(web)
                .addAsLibraries(RecqArchives.libraries())
                .addAsLibrary(queries);
    }

    @Test
    @RunAsClient
    void reportsTheBrokerReadyOnceWithTheRecqJarsInEarLib() throws Exception {
        // given: the application has answered a query, from its WAR to its projection in the EJB module
        assertEquals("3", get("/stock-web/stock?sku=abc"));

        // when
        JsonObject report = HealthEndpoint.readiness();

        // then
        List<JsonObject> checks = HealthEndpoint.checks(report, BrokerReadinessCheck.NAME);
        assertEquals(1, checks.size(), "RECQ checks in " + report);
        JsonObject testSubject = checks.get(0);
        assertEquals("UP", testSubject.getString("status"), testSubject::toString);
        assertEquals("java:comp/DefaultJMSConnectionFactory",
                testSubject.getJsonObject("data").getString("connection-factory"));
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
