package io.recq.jms.it.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.jms.health.BrokerReadinessCheck;
import io.recq.jms.health.ConsumersLivenessCheck;
import io.recq.jms.it.RecqArchives;

/**
 * A WAR with the RECQ jars in {@code WEB-INF/lib}, as Maven packages them, and nothing else from RECQ: no
 * {@code beans.xml} and no health code of the application's own. The transport's readiness check must be in
 * the server's {@code /health/ready}, UP while the embedded broker runs.
 */
@ExtendWith(ArquillianExtension.class)
class HealthIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        // not health.war: Payara serves MicroProfile Health at /health, where that WAR's context root would be
        return ShrinkWrap.create(WebArchive.class, "health-it.war")
                .addClasses(StockProjection.class, StockDesk.class, CountStock.class)
                .addAsLibraries(RecqArchives.libraries());
    }

    @Test
    @RunAsClient
    void reportsTheBrokerReadyWithTheRecqJarsInWebInfLib() throws Exception {
        // when
        JsonObject report = HealthEndpoint.readiness();

        // then
        List<JsonObject> checks = HealthEndpoint.checks(report, BrokerReadinessCheck.NAME);
        assertThat(checks).as("RECQ checks in %s", report).hasSize(1);
        JsonObject testSubject = checks.get(0);
        assertThat(testSubject.getString("status")).as("%s", testSubject).isEqualTo("UP");
        assertThat(testSubject.getJsonObject("data").getString("connection-factory"))
                .isEqualTo("java:comp/DefaultJMSConnectionFactory");
        assertThat(testSubject.getJsonObject("data").getString("service")).isEqualTo("health-it");
        assertThat(testSubject.getJsonObject("data").getString("query-topic"))
                .isEqualTo(HealthEndpoint.destination("recq.queries.health-it"));
    }

    @Test
    @RunAsClient
    void reportsEveryConsumerThreadLive() throws Exception {
        // when
        JsonObject report = HealthEndpoint.liveness();

        // then
        List<JsonObject> checks = HealthEndpoint.checks(report, ConsumersLivenessCheck.NAME);
        assertThat(checks).as("RECQ liveness checks in %s", report).hasSize(1);
        JsonObject testSubject = checks.get(0);
        assertThat(testSubject.getString("status")).as("%s", testSubject).isEqualTo("UP");
        assertThat(testSubject.getJsonObject("data").getString("recq-query-consumer-1")).isEqualTo("running");
    }
}
