package io.recq.jpa.event.it;

import java.io.File;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Deployments of the event ITs: the RECQ jars as the reactor built them (recq-api, recq-cdi, this module) in
 * {@code WEB-INF/lib}, the test's components, a persistence unit for its read model in the default datasource
 * and MicroProfile Config settings that make consumers react quickly.
 */
public final class RecqArchives {

    public static final String READ_MODEL_UNIT = "it";

    private RecqArchives() {
    }

    /**
     * @param name the archive's name
     * @param config MicroProfile Config lines that override the defaults here
     * @param classes the test's classes
     * @return the WAR with the RECQ runtime, the store and the JMS transport
     */
    public static WebArchive warWithTransport(String name, String config, Class<?>... classes) {
        return war(name, config, classes).addAsLibraries(module("recq-jms", "../recq-jms/target/classes"));
    }

    /**
     * @param name the archive's name
     * @param config MicroProfile Config lines that override the defaults here
     * @param classes the test's classes
     * @return the WAR with the RECQ runtime and the store, without a transport
     */
    public static WebArchive war(String name, String config, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibraries(module("recq-api", "../recq-api/target/classes"),
                        module("recq-cdi", "../recq-cdi/target/classes"),
                        module("recq-jpa-store", "target/classes"))
                .addClasses(classes)
                .addClass(RecqArchives.class)
                .addAsResource(new StringAsset(persistenceXml(classes)), "META-INF/persistence.xml")
                .addAsResource(new StringAsset("recq.event.poll-interval-ms=200\n"
                        + "recq.event.transient-delay-ms=20\n" + config), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml");
    }

    private static JavaArchive module(String name, String classes) {
        File directory = new File(classes);
        if (!directory.isDirectory()) {
            throw new IllegalStateException(directory.getAbsolutePath() + " is missing: build with -am");
        }
        return ShrinkWrap.create(JavaArchive.class, name + ".jar").as(ExplodedImporter.class)
                .importDirectory(directory).as(JavaArchive.class);
    }

    private static String persistenceXml(Class<?>... classes) {
        StringBuilder entities = new StringBuilder();
        for (Class<?> type : classes) {
            if (type.isAnnotationPresent(jakarta.persistence.Entity.class)) {
                entities.append("<class>").append(type.getName()).append("</class>");
            }
        }
        return "<persistence xmlns=\"https://jakarta.ee/xml/ns/persistence\" version=\"3.0\">"
                + "<persistence-unit name=\"" + READ_MODEL_UNIT + "\" transaction-type=\"JTA\">"
                + "<jta-data-source>java:comp/DefaultDataSource</jta-data-source>" + entities
                + "<exclude-unlisted-classes>true</exclude-unlisted-classes>"
                + "<properties><property name=\"jakarta.persistence.schema-generation.database.action\" "
                + "value=\"create\"/></properties></persistence-unit></persistence>";
    }

    /**
     * Waits until {@code condition} holds.
     *
     * @param timeout how long at most
     * @param what what is awaited, for the failure message
     * @param condition the condition
     */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
