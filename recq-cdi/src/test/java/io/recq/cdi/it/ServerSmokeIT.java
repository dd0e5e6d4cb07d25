package io.recq.cdi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the integration-test setup: the build's WildFly boots under Arquillian, deploys a
 * WAR, injects a CDI bean configured through MicroProfile Config into the test, and serves
 * the deployment's MicroProfile Health readiness check on the management port.
 *
 * <p>In-container assertions use JUnit's own {@code Assertions}: the test class runs inside
 * the deployment, where AssertJ is not packaged.
 */
@ExtendWith(ArquillianExtension.class)
class ServerSmokeIT {

    private static final URI READINESS = URI.create("http://127.0.0.1:" + System.getProperty("recq.management.port", "9990") + "/health/ready");

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "server-smoke.war")
                .addClasses(Greeter.class, SmokeReadiness.class)
                .addAsResource(new StringAsset("recq.smoke.greeting=Hello from RECQ\n"),
                        "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    Greeter greeter;

    @Test
    void injectsCdiBeanConfiguredByMicroProfileConfig() {
        assertEquals("Hello from RECQ, smoke", greeter.greet("smoke"));
    }

    @Test
    @RunAsClient
    void microProfileHealthReportsTheDeploymentReady() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(READINESS).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        // the check comes from the deployment, so this is MicroProfile Health and not only
        // the server's own health subsystem
        assertTrue(response.body().contains(SmokeReadiness.NAME), response.body());
    }

    @ApplicationScoped
    public static class Greeter {

        @Inject
        @ConfigProperty(name = "recq.smoke.greeting")
        String greeting;

        public String greet(String name) {
            return greeting + ", " + name;
        }
    }

    @Readiness
    @ApplicationScoped
    public static class SmokeReadiness implements HealthCheck {

        static final String NAME = "recq-server-smoke";

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.up(NAME);
        }
    }
}
