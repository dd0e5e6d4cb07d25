package io.recq.crash.harness;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one crash test run does, from system properties ({@code crash.*}); {@code crash.mode=full} (the issue's
 * proof) or {@code short} (the build's) picks the defaults, any property overrides them.
 *
 * @param mode {@code full} or {@code short}
 * @param keyed deposits with an idempotency key, at least
 * @param unkeyed deposits without, at least
 * @param kills SIGKILLs of the server under load
 * @param clients client threads
 * @param accounts accounts the deposits spread over
 * @param outage how long the database is cut off
 * @param consumersAway how long the command consumers stay away after the saga committed its command
 * @param poisonWindow the length of each of the three windows healthy throughput is measured in: before, while
 *        commands failing permanently are in flight, after
 * @param portOffset the server's port offset
 * @param proxyPort the port of the TCP proxy to PostgreSQL
 * @param jdbcUrl PostgreSQL without schema
 * @param jdbcUser the PostgreSQL user
 * @param keepSchema whether the schema survives the run (to inspect it)
 * @param jbossHome the unpacked WildFly
 * @param baseDir the server copy the run prepares
 * @param war the application
 * @param driver the PostgreSQL JDBC driver jar
 * @param cli the datasource CLI template
 * @param seed the random seed (printed, to repeat a run's choices)
 */
public record CrashSettings(String mode, int keyed, int unkeyed, int kills, int clients, int accounts,
        Duration outage, Duration consumersAway, Duration poisonWindow, int portOffset, int proxyPort,
        String jdbcUrl, String jdbcUser, boolean keepSchema, Path jbossHome, Path baseDir, Path war, Path driver,
        Path cli, long seed) {

    /**
     * @return the settings of {@code crash.*} system properties
     */
    public static CrashSettings fromSystemProperties() {
        String mode = System.getProperty("crash.mode", "short");
        boolean full = switch (mode) {
            case "full" -> true;
            case "short" -> false;
            default -> throw new IllegalArgumentException("crash.mode must be full or short, got " + mode);
        };
        int offset = Integer.getInteger("crash.port.offset", 500);
        return new CrashSettings(mode,
                Integer.getInteger("crash.keyed", full ? 10_000 : 1_000),
                Integer.getInteger("crash.unkeyed", full ? 2_000 : 250),
                Integer.getInteger("crash.kills", full ? 20 : 3),
                Integer.getInteger("crash.clients", 16),
                Integer.getInteger("crash.accounts", 40),
                Duration.ofSeconds(Long.getLong("crash.outage.s", 20)),
                Duration.ofSeconds(Long.getLong("crash.consumers-away.s", 120)),
                Duration.ofSeconds(Long.getLong("crash.poison-window.s", full ? 20 : 10)),
                offset,
                Integer.getInteger("crash.proxy.port", 15432 + offset),
                System.getProperty("crash.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                System.getProperty("crash.jdbc.user", "postgres"),
                Boolean.getBoolean("crash.keep-schema"),
                path("jboss.home"), path("crash.base.dir"), path("crash.war"), path("crash.driver"),
                path("crash.cli"),
                Long.getLong("crash.seed", System.nanoTime()));
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run the crash test with "
                    + "crash-test/run.sh or mvn -B verify -pl crash-test -am, which set it");
        }
        return Path.of(value).toAbsolutePath();
    }

    /** @return the HTTP port of the server */
    public int httpPort() {
        return 8080 + portOffset;
    }

    /** @return the management port of the server (health) */
    public int managementPort() {
        return 9990 + portOffset;
    }
}
