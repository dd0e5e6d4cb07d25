package io.recq.crash.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The crash server: WildFly as a separate OS process ({@code standalone.sh -c standalone-full.xml}) on its own
 * copy of {@code standalone/}, configured offline with the module's datasource CLI script, with the crash
 * application in its deployment scanner's directory and every port shifted by the run's offset, bound to
 * 127.0.0.1. With the standalone broker ({@code crash.broker=standalone}) RECQ is pointed at it: the CLI script
 * {@code src/main/cli/remote-broker.cli} adds a pooled connection factory to it, and every start sets
 * {@code recq.jms.connection-factory} to that factory. {@link #kill()} sends SIGKILL to the server's JVM only: the {@code java} process found among the
 * descendants of the launcher this object started.
 */
final class CrashServer implements AutoCloseable {

    /** RECQ's configuration key of its JMS connection factory. */
    static final String CONNECTION_FACTORY = "recq.jms.connection-factory";
    /** The pooled connection factory of {@code src/main/cli/remote-broker.cli}. */
    static final String REMOTE_CONNECTION_FACTORY = "java:/jms/RemoteRecq";

    private final CrashSettings settings;
    private final Path war;
    private final String brokerScript;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process launcher;
    private int starts;

    CrashServer(CrashSettings settings) {
        this(settings, settings.war(), settings.brokerPort());
    }

    /**
     * @param settings the server's ports, directories and database
     * @param war the application it runs (deployed as {@code crash.war})
     * @param brokerPort the standalone broker's port, when it uses one
     */
    CrashServer(CrashSettings settings, Path war, int brokerPort) {
        this(settings, war, settings.standaloneBroker() ? remoteBrokerScript(settings, brokerPort) : null);
    }

    /**
     * @param settings the server's ports, directories and database
     * @param war the application it runs (deployed as {@code crash.war})
     * @param brokerScript CLI commands that add the pooled connection factory {@value #REMOTE_CONNECTION_FACTORY}
     *        to a broker outside the server (its tokens replaced), or {@code null} for the embedded broker
     */
    CrashServer(CrashSettings settings, Path war, String brokerScript) {
        this.settings = settings;
        this.war = war;
        this.brokerScript = brokerScript;
    }

    /**
     * @return {@code src/main/cli/remote-broker.cli} for the standalone broker on 127.0.0.1 and this port
     */
    static String remoteBrokerScript(CrashSettings settings, int brokerPort) {
        try {
            return Files.readString(settings.brokerCli()).replace("@BROKER_HOST@", "127.0.0.1")
                    .replace("@BROKER_PORT@", String.valueOf(brokerPort))
                    .replace("@BROKER_USER@", StandaloneBroker.USER)
                    .replace("@BROKER_PASSWORD@", StandaloneBroker.PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies {@code standalone/} of the unpacked WildFly, adds the datasource to the proxy offline (and, with the
     * standalone broker, the connection factory to it: {@code src/main/cli/remote-broker.cli}) and puts the
     * application into the deployment scanner's directory.
     *
     * @param jdbcUrl the datasource's JDBC URL
     * @throws Exception when the copy or the CLI fails
     */
    void prepare(String jdbcUrl) throws Exception {
        Path home = settings.jbossHome();
        if (!Files.isRegularFile(home.resolve("jboss-modules.jar"))) {
            throw new IllegalStateException("No WildFly at " + home + ": build with mvn -B verify -pl crash-test -am, "
                    + "which unpacks it into the root target/");
        }
        for (Path required : List.of(war, settings.driver(), settings.cli())) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalStateException(required + " is missing: build the module with Maven first");
            }
        }
        Path base = settings.baseDir();
        deleteTree(base);
        copyTree(home.resolve("standalone"), base);
        String template = Files.readString(settings.cli());
        // the remote connection factory, in the same session: one offline configuration of the server
        String broker = brokerScript == null ? "" : "\n" + brokerScript;
        Path script = base.resolve("crash-datasource.cli");
        Files.writeString(script, "embed-server --server-config=standalone-full.xml --std-out=discard\n"
                + template.replace("@DRIVER@", settings.driver().toString()).replace("@URL@", jdbcUrl)
                + broker + "\nstop-embedded-server\n");
        ProcessBuilder cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(),
                "-Djboss.server.base.dir=" + base, "--file=" + script)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("crash-datasource.log").toFile());
        environment(cli.environment());
        Process process = cli.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("The offline CLI did not finish within 3 minutes: "
                    + base.resolve("crash-datasource.log"));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("The offline CLI failed with " + process.exitValue() + ": "
                    + Files.readString(base.resolve("crash-datasource.log")));
        }
        Files.copy(war, base.resolve("deployments/crash.war"), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Starts the server and waits until it is ready and the application answers.
     *
     * @param properties system properties of this start ({@code recq.*} settings)
     * @param timeout the longest wait
     * @return how long the start took
     * @throws IOException when the process cannot be started
     */
    Duration start(Map<String, String> properties, Duration timeout) throws IOException {
        return start(properties, timeout, true);
    }

    /**
     * Starts the server and waits until the application answers and, when asked, until it is ready.
     *
     * @param properties system properties of this start ({@code recq.*} settings)
     * @param timeout the longest wait
     * @param awaitReady whether to wait for readiness too (not for a server that is meant to be refused)
     * @return how long the start took
     * @throws IOException when the process cannot be started
     */
    Duration start(Map<String, String> properties, Duration timeout, boolean awaitReady) throws IOException {
        if (launcher != null && launcher.isAlive()) {
            throw new IllegalStateException("The crash server is already running");
        }
        checkPortFree(settings.httpPort());
        checkPortFree(settings.managementPort());
        Instant begin = Instant.now();
        List<String> command = new ArrayList<>(List.of(settings.jbossHome().resolve("bin/standalone.sh").toString(),
                "-c", "standalone-full.xml", "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.server.base.dir=" + settings.baseDir(),
                "-Djboss.socket.binding.port-offset=" + settings.portOffset()));
        if (brokerScript != null) {
            // RECQ's MicroProfile Config: a system property is one of its sources
            command.add("-D" + CONNECTION_FACTORY + "=" + REMOTE_CONNECTION_FACTORY);
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        starts++;
        Path console = settings.baseDir().resolve("log/console-" + starts + ".log");
        Files.createDirectories(console.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(settings.baseDir().toFile())
                .redirectErrorStream(true).redirectOutput(console.toFile());
        environment(builder.environment());
        launcher = builder.start();
        Process started = launcher;
        await("crash server ready at http://127.0.0.1:" + settings.managementPort() + "/health/ready (console: "
                + console + ")")
                .atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("The crash server exited with " + started.exitValue()
                                + " while starting; see " + console);
                    }
                    return awaitReady ? ready() : status(URI.create(baseUri() + "api/poison")) == 200;
                });
        return Duration.between(begin, Instant.now());
    }

    /**
     * @return whether readiness is UP and the application answers
     */
    boolean ready() {
        return status(URI.create("http://127.0.0.1:" + settings.managementPort() + "/health/ready")) == 200
                && status(URI.create(baseUri() + "api/poison")) == 200;
    }

    /**
     * @return the readiness report: its HTTP status and body ({@code -1} and the failure when it did not answer
     *         within 30 s: without a broker every RECQ deployment's check waits its {@code recq.jms.health-timeout-ms}
     *         for the broker, one after the other)
     */
    HealthReport readiness() {
        try {
            HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + settings.managementPort() + "/health/ready")).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new HealthReport(readiness.statusCode(), readiness.body());
        } catch (IOException e) {
            return new HealthReport(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HealthReport(-1, e.toString());
        }
    }

    /**
     * A health report.
     *
     * @param status its HTTP status (200 UP, 503 DOWN, -1 no answer)
     * @param body its JSON
     */
    record HealthReport(int status, String body) {
    }

    /**
     * @return the CPU time the server's JVM has used so far, zero when it does not run
     */
    Duration cpu() {
        return javaDescendant().flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** @return whether the server's launcher runs */
    boolean running() {
        return launcher != null && launcher.isAlive();
    }

    /** @return the application's base URI, ending in {@code /} */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + settings.httpPort() + "/crash/");
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * What an operator would look at when the server's event consumers do not make progress: the readiness
     * report and the stacks of RECQ's own threads. The full thread dump goes to {@code log/threads-N.txt}.
     *
     * @return the readiness body and the stacks of the threads whose name starts with {@code recq-}
     */
    String diagnose() {
        StringBuilder text = new StringBuilder();
        try {
            HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + settings.managementPort() + "/health/ready")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            text.append("readiness ").append(readiness.statusCode()).append(": ").append(readiness.body())
                    .append('\n');
        } catch (IOException e) {
            text.append("readiness: ").append(e).append('\n');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return text.toString();
        }
        Optional<ProcessHandle> jvm = javaDescendant();
        if (jvm.isEmpty()) {
            return text.append("no server JVM").toString();
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path dump = settings.baseDir().resolve("log/threads-" + starts + "-" + System.currentTimeMillis() + ".txt");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(jvm.get().pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            text.append("thread dump: ").append(dump).append('\n');
            // a thread's stack runs from its quoted name to the next blank line
            for (String stack : Files.readString(dump).split("\n\\s*\n")) {
                if (stack.startsWith("\"recq-")) {
                    text.append(stack).append('\n');
                }
            }
        } catch (IOException e) {
            text.append("thread dump: ").append(e).append('\n');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text.toString();
    }

    /**
     * Kills the server's JVM with SIGKILL and waits until it and its launcher are gone.
     *
     * @return the moment of the kill
     */
    Instant kill() {
        ProcessHandle jvm = jvm();
        Instant now = Instant.now();
        if (!jvm.destroyForcibly()) {
            throw new IllegalStateException("Could not send SIGKILL to the crash server's JVM " + jvm.pid());
        }
        awaitGone(jvm, Duration.ofSeconds(30));
        awaitGone(launcher.toHandle(), Duration.ofSeconds(30));
        return now;
    }

    /**
     * Stops the server gracefully (SIGTERM to its JVM), or kills it when it does not stop within a minute.
     */
    void stop() {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        Optional<ProcessHandle> jvm = javaDescendant();
        if (jvm.isPresent()) {
            jvm.get().destroy();
            try {
                jvm.get().onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                jvm.get().destroyForcibly();
            }
        }
        launcher.destroy();
        awaitGone(launcher.toHandle(), Duration.ofSeconds(30));
    }

    private ProcessHandle jvm() {
        return javaDescendant().orElseThrow(() -> new IllegalStateException(
                "The crash server's launcher " + (launcher == null ? "(none)" : launcher.pid())
                        + " has no java process to kill"));
    }

    private Optional<ProcessHandle> javaDescendant() {
        if (launcher == null) {
            return Optional.empty();
        }
        List<ProcessHandle> javas = launcher.toHandle().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .toList();
        if (javas.size() > 1) {
            throw new IllegalStateException("The crash server's launcher has " + javas.size()
                    + " java descendants, expected one: " + javas);
        }
        return javas.stream().findFirst();
    }

    private static void awaitGone(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Process " + handle.pid() + " is still alive " + timeout + " after it "
                    + "was stopped", e);
        }
    }

    private void checkPortFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 is in use: another server runs with port "
                    + "offset " + settings.portOffset() + "; pick another with -Dcrash.port.offset=...", e);
        }
    }

    private void environment(Map<String, String> env) {
        env.put("JBOSS_HOME", settings.jbossHome().toString());
        env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        env.remove("JAVA_OPTS");
        env.remove("LAUNCH_JBOSS_IN_BACKGROUND"); // java in the foreground: a child of the launcher
    }

    @Override
    public void close() {
        stop();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
