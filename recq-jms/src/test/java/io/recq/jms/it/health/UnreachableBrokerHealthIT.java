package io.recq.jms.it.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.jms.JmsConfig;
import io.recq.jms.health.BrokerReadinessCheck;
import io.recq.jms.it.RecqArchives;

/**
 * A WAR whose transport is configured with a connection factory whose broker cannot be reached: the
 * application deploys, and the transport's readiness check reports DOWN, saying why, so that the server's
 * {@code /health/ready} answers 503.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(UnreachableBrokerSetup.class)
class UnreachableBrokerHealthIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "unreachable-broker.war")
                .addClasses(StockProjection.class, StockDesk.class, CountStock.class, UnreachableBroker.class,
                        UnreachableBrokerSetup.class)
                .addAsResource(new StringAsset(JmsConfig.CONNECTION_FACTORY + "=" + UnreachableBroker.CONNECTION_FACTORY
                        + "\n" + JmsConfig.HEALTH_TIMEOUT_MS + "=3000\n"), "META-INF/microprofile-config.properties")
                .addAsLibraries(RecqArchives.libraries());
    }

    @Test
    @RunAsClient
    void reportsTheBrokerDownWhenItCannotBeReached() throws Exception {
        // when
        JsonObject report = HealthEndpoint.readiness();

        // then
        assertEquals("DOWN", report.getString("status"), report::toString);
        List<JsonObject> checks = HealthEndpoint.checks(report, BrokerReadinessCheck.NAME);
        assertEquals(1, checks.size(), "RECQ checks in " + report);
        JsonObject testSubject = checks.get(0);
        assertEquals("DOWN", testSubject.getString("status"), testSubject::toString);
        JsonObject data = testSubject.getJsonObject("data");
        assertEquals(UnreachableBroker.CONNECTION_FACTORY, data.getString("connection-factory"));
        assertTrue(data.containsKey("error"), testSubject::toString);
    }
}
