package io.recq.jpa.it;

import java.io.File;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What the in-server command tests share: a WAR with the RECQ jars of this build in {@code WEB-INF/lib}
 * (the classes each module compiled, so that {@code -am} builds suffice), and bounded waits.
 */
final class StoreArchives {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private StoreArchives() {
    }

    /**
     * @param name the WAR's name, without {@code .war}
     * @param classes the test's classes
     * @return a WAR with recq-api, recq-cdi, recq-jms and this module in {@code WEB-INF/lib} and an
     *         annotated bean archive for the test's classes
     */
    static WebArchive war(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addClass(StoreArchives.class)
                .addAsLibraries(module("../recq-api"), module("../recq-cdi"), module("../recq-jms"), module("."))
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml");
    }

    private static JavaArchive module(String directory) {
        File classes = new File(directory, "target/classes");
        if (!classes.isDirectory()) {
            throw new IllegalStateException(classes.getAbsolutePath() + " is missing: build with -am");
        }
        String name = new File(directory).getAbsoluteFile().toPath().normalize().getFileName() + ".jar";
        return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(classes).as(JavaArchive.class);
    }

    /**
     * Waits until {@code condition} holds, at most 60 s.
     *
     * @param what what is awaited, for the failure
     * @param condition the condition
     * @throws InterruptedException when interrupted
     */
    /**
     * @param check {@code ready}, {@code live} or {@code started}
     * @return the server's MicroProfile Health URL of that check: WildFly answers on its management port (system
     *         property {@code recq.management.port}), Payara on its HTTP listener (set {@code recq.it.health})
     */
    static String health(String check) {
        return System.getProperty("recq.it.health",
                "http://127.0.0.1:" + System.getProperty("recq.management.port", "9990") + "/health") + "/" + check;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        awaitValue(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Waits until {@code value} is present, at most 60 s.
     *
     * @param what what is awaited, for the failure
     * @param value the value, when it is there
     * @param <T> its type
     * @return the value
     * @throws InterruptedException when interrupted
     */
    static <T> T awaitValue(String what, Supplier<Optional<T>> value) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<T> found = value.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + WAIT.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
