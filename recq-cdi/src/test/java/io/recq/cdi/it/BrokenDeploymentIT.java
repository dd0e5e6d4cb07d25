package io.recq.cdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.cdi.it.broken.CartAggregate;

/**
 * Deploys an application with four different deployment errors to WildFly and checks that the deployment
 * fails, and that the failure the server reports lists every problem with its code and location.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrokenDeploymentIT {

    private static final String BROKEN = "broken";

    @Deployment(name = BROKEN, managed = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "recq-broken.war")
                .addPackage(CartAggregate.class.getPackage())
                .addAsLibraries(RecqLibraries.api(), RecqLibraries.cdi());
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void failsTheDeploymentWithEveryProblemListed() throws IOException {
        // given
        String app = "io.recq.cdi.it.broken.";
        long logSizeBefore = serverLogSize();

        // when
        Throwable thrown = catchThrowable(() -> deployer.deploy(BROKEN));
        deployer.undeploy(BROKEN);

        // then: the server's answer to the deploy operation
        assertThat(thrown).as("the deployment should fail").isNotNull();
        String failure = messages(thrown);
        assertThat(failure).contains("RECQ found 4 problems in the deployment")
                .contains("RECQ-00002 " + app + "CartProjector#on(ItemAdded, StringBuilder)")
                .contains("RECQ-00006 " + app + "CartAggregate")
                .contains("RECQ-00008 " + app + "InvoiceService#handle(SendInvoice)")
                .contains("RECQ-00011 " + app + "CartSaga#on(ItemAdded)");

        // and the server log, one problem per line
        String log = serverLogSince(logSizeBefore);
        assertThat(log).contains("RECQ found 4 problems in the deployment:")
                .containsPattern("\\n  RECQ-00002 " + app + "CartProjector#on\\(ItemAdded, StringBuilder\\): ")
                .containsPattern("\\n  RECQ-00006 " + app + "CartAggregate: ")
                .containsPattern("\\n  RECQ-00008 " + app + "InvoiceService#handle\\(SendInvoice\\): ")
                .containsPattern("\\n  RECQ-00011 " + app + "CartSaga#on\\(ItemAdded\\): ");
    }

    private static String messages(Throwable thrown) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            sb.append(t).append('\n');
        }
        return sb.toString();
    }

    private static Path serverLog() {
        return Path.of(System.getProperty("recq.wildfly.base.dir", "target/wildfly-server"), "log", "server.log");
    }

    private static long serverLogSize() throws IOException {
        return Files.exists(serverLog()) ? Files.size(serverLog()) : 0;
    }

    private static String serverLogSince(long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(serverLog());
        return new String(bytes, (int) offset, bytes.length - (int) offset, StandardCharsets.UTF_8);
    }
}
