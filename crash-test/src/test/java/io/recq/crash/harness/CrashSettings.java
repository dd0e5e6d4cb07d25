package io.recq.crash.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

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
 * @param broker {@code embedded} (WildFly's own Artemis) or {@code standalone} (a separate Artemis process the
 *        harness creates, starts and kills; see {@link StandaloneBroker})
 * @param brokerKills SIGKILLs of the standalone broker under load
 * @param brokerDown how long the killed broker stays down before it is started again
 * @param lateSaga whether the late saga command scenario runs
 * @param artemisHome the unpacked Artemis distribution (standalone broker only)
 * @param brokerDir the broker instance the run creates (standalone broker only)
 * @param brokerCli the CLI template pointing the server at the standalone broker
 */
public record CrashSettings(String mode, int keyed, int unkeyed, int kills, int clients, int accounts,
        Duration outage, Duration consumersAway, Duration poisonWindow, int portOffset, int proxyPort,
        String jdbcUrl, String jdbcUser, boolean keepSchema, Path jbossHome, Path baseDir, Path war, Path driver,
        Path cli, long seed, String broker, int brokerKills, Duration brokerDown, boolean lateSaga,
        Path artemisHome, Path brokerDir, Path brokerCli) {

    /** {@code crash.broker} of the server's own Artemis. */
    public static final String EMBEDDED = "embedded";
    /** {@code crash.broker} of a separate Artemis process. */
    public static final String STANDALONE = "standalone";

    /**
     * @return the settings of {@code crash.*} system properties
     */
    public static CrashSettings fromSystemProperties() {
        return fromSystemProperties(Map.of());
    }

    /**
     * @param overrides {@code crash.*} values that take the place of the system properties of the same name
     * @return the settings of {@code crash.*} system properties and the overrides
     */
    public static CrashSettings fromSystemProperties(Map<String, String> overrides) {
        Properties properties = new Properties();
        properties.putAll(System.getProperties());
        properties.putAll(overrides);
        Function<String, String> get = properties::getProperty;
        String mode = get.apply("crash.mode") == null ? "short" : get.apply("crash.mode");
        boolean full = switch (mode) {
            case "full" -> true;
            case "short" -> false;
            default -> throw new IllegalArgumentException("crash.mode must be full or short, got " + mode);
        };
        String broker = get.apply("crash.broker") == null ? EMBEDDED : get.apply("crash.broker");
        boolean standalone = switch (broker) {
            case STANDALONE -> true;
            case EMBEDDED -> false;
            default -> throw new IllegalArgumentException("crash.broker must be embedded or standalone, got " + broker);
        };
        int offset = integer(get, "crash.port.offset", 500);
        return new CrashSettings(mode,
                integer(get, "crash.keyed", full ? 10_000 : 1_000),
                integer(get, "crash.unkeyed", full ? 2_000 : 250),
                integer(get, "crash.kills", full ? 20 : 3),
                integer(get, "crash.clients", 16),
                integer(get, "crash.accounts", 40),
                Duration.ofSeconds(integer(get, "crash.outage.s", 20)),
                Duration.ofSeconds(integer(get, "crash.consumers-away.s", 120)),
                Duration.ofSeconds(integer(get, "crash.poison-window.s", full ? 20 : 10)),
                offset,
                integer(get, "crash.proxy.port", 15432 + offset),
                string(get, "crash.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                string(get, "crash.jdbc.user", "postgres"),
                Boolean.parseBoolean(get.apply("crash.keep-schema")),
                path(get, "jboss.home"), path(get, "crash.base.dir"), path(get, "crash.war"), path(get, "crash.driver"),
                path(get, "crash.cli"),
                get.apply("crash.seed") == null ? System.nanoTime() : Long.parseLong(get.apply("crash.seed")),
                broker,
                standalone ? integer(get, "crash.broker-kills", full ? 5 : 2) : 0,
                Duration.ofSeconds(integer(get, "crash.broker-down.s", 3)),
                // the short run with the standalone broker leaves the late saga command (4 minutes) to the
                // embedded one, to keep the build's time; crash.late-saga=true runs it there too
                Boolean.parseBoolean(string(get, "crash.late-saga", String.valueOf(full || !standalone))),
                standalone ? path(get, "crash.artemis.home") : null,
                standalone ? path(get, "crash.broker.dir") : null,
                standalone ? path(get, "crash.broker.cli") : null);
    }

    private static int integer(Function<String, String> get, String property, int otherwise) {
        String value = get.apply(property);
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
    }

    private static String string(Function<String, String> get, String property, String otherwise) {
        String value = get.apply(property);
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static Path path(Function<String, String> get, String property) {
        String value = get.apply(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run the crash test with "
                    + "crash-test/run.sh or mvn -B verify -pl crash-test -am, which set it");
        }
        return Path.of(value).toAbsolutePath();
    }

    /** @return whether the server uses a standalone broker (a separate Artemis process) */
    public boolean standaloneBroker() {
        return STANDALONE.equals(broker);
    }

    /** @return the port of the standalone broker's acceptor: 61616 plus the port offset */
    public int brokerPort() {
        return 61616 + portOffset;
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
