package io.recq.jpa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.File;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.cdi.model.ErrorCode;

/**
 * An application deployed on a default datasource whose RECQ table lacks a column ({@link BrokenSchemaSetup})
 * does not deploy, and the server's answer names the table, the column, its definition and the fix, with the
 * stable code; before, it deployed and every command failed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup({DefaultDataSourceSetup.class, BrokenSchemaSetup.class})
class BrokenSchemaIT {

    private static final String BROKEN = "broken-schema";

    @Deployment(name = BROKEN, managed = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "recq-broken-schema.war")
                .addClasses(Ledger.class)
                .addClasses(Ledger.class.getDeclaredClasses())
                .addAsLibraries(module("../recq-api"), module("../recq-cdi"), module("."))
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml");
    }

    private static JavaArchive module(String directory) {
        File classes = new File(directory, "target/classes");
        String name = new File(directory).getAbsoluteFile().toPath().normalize().getFileName() + ".jar";
        return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(classes).as(JavaArchive.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void failsTheDeploymentNamingTheMissingColumnAndHowToAddIt() {
        // when
        Throwable thrown = catchThrowable(() -> deployer.deploy(BROKEN));
        catchThrowable(() -> deployer.undeploy(BROKEN));

        // then: the server's answer to the deploy operation
        assertThat(thrown).as("the deployment should fail").isNotNull();
        assertThat(messages(thrown)).contains(ErrorCode.STORE_SCHEMA_INVALID.code())
                .contains("column recq_events.event_context is missing (defined as event_context VARCHAR(255) "
                        + "NOT NULL)")
                .contains("ALTER TABLE <table> ADD COLUMN <definition>");
    }

    private static String messages(Throwable thrown) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            sb.append(t).append('\n');
        }
        return sb.toString();
    }
}
