package io.recq.crash.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The standalone broker: ActiveMQ Artemis as a separate OS process ({@code bin/artemis run}) on an instance the
 * harness creates with {@code artemis create} in the module's {@code target/} from the distribution the build
 * unpacks, persistent (NIO journal, synced), with login required, one acceptor (core protocol and others) on
 * 127.0.0.1 and port 61616 plus the run's port offset, no web console. Everything else is the broker's default
 * configuration: addresses and queues are created on first use, message groups, scheduled delivery and the
 * expiry queue ({@code ExpiryQueue}) work as they come.
 *
 * <p>{@link #kill()} sends SIGKILL to the broker's JVM only; {@link #start(Duration)} starts it again on the
 * same instance and journal, so that what it had persisted is still there.
 */
final class StandaloneBroker implements AutoCloseable {

    /** The broker's user, in role {@code amq} with every permission. */
    static final String USER = "recq";
    /** Its password. */
    static final String PASSWORD = "recq-crash";

    private final Path artemisHome;
    private final Path instance;
    private final int port;
    private final String name;
    private final List<String> options;
    private Process process;
    private int starts;

    StandaloneBroker(CrashSettings settings) {
        this(settings.artemisHome(), settings.brokerDir(), settings.brokerPort(), "crash-broker", List.of());
    }

    /**
     * @param artemisHome the unpacked Artemis distribution
     * @param instance the instance directory to create
     * @param port the acceptor's port on 127.0.0.1
     * @param name the broker's name
     * @param options further options of {@code artemis create} (high availability)
     */
    StandaloneBroker(Path artemisHome, Path instance, int port, String name, List<String> options) {
        this.artemisHome = artemisHome;
        this.instance = instance;
        this.port = port;
        this.name = name;
        this.options = List.copyOf(options);
    }

    /** @return the instance directory (configuration in {@code etc/}, journal in {@code data/}, logs) */
    Path instance() {
        return instance;
    }

    /** @return the acceptor's port on 127.0.0.1 */
    int port() {
        return port;
    }

    /** @return the broker's name */
    String name() {
        return name;
    }

    /**
     * Creates a new broker instance, deleting the one a previous run left.
     *
     * @throws Exception when {@code artemis create} fails
     */
    void create() throws Exception {
        Path artemis = artemisHome.resolve("bin/artemis");
        if (!Files.isRegularFile(artemis)) {
            throw new IllegalStateException("No Artemis at " + artemisHome + ": build with "
                    + "mvn -B verify -pl crash-test -am, which unpacks it into crash-test/target");
        }
        artemis.toFile().setExecutable(true);
        deleteTree(instance());
        Files.createDirectories(instance().getParent());
        Path log = instance().getParent().resolve(instance().getFileName() + "-create.log");
        List<String> command = new ArrayList<>(List.of(artemis.toString(), "create",
                "--user", USER, "--password", PASSWORD, "--role", "amq", "--require-login",
                "--host", "127.0.0.1", "--default-port", String.valueOf(port()), "--name", name,
                "--silent", "--no-web", "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor",
                "--no-hornetq-acceptor", "--nio", "--no-autotune", "--java-memory", "512M"));
        command.addAll(options);
        command.add(instance().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(instance().getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        environment(builder.environment());
        Process create = builder.start();
        if (!create.waitFor(2, TimeUnit.MINUTES)) {
            create.destroyForcibly();
            throw new IllegalStateException("artemis create did not finish within 2 minutes: " + log);
        }
        if (create.exitValue() != 0 || !Files.isRegularFile(instance().resolve("bin/artemis"))) {
            throw new IllegalStateException("artemis create failed with " + create.exitValue() + ": "
                    + Files.readString(log));
        }
    }

    /**
     * Starts the broker and waits until its acceptor takes connections.
     *
     * @param timeout the longest wait
     * @return how long the start took
     * @throws IOException when the process cannot be started
     */
    Duration start(Duration timeout) throws IOException {
        Instant begin = Instant.now();
        Path console = launch();
        Process started = process;
        await("standalone broker accepting connections on 127.0.0.1:" + port() + " (console: " + console + ")")
                .atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("The standalone broker exited with " + started.exitValue()
                                + " while starting; see " + console);
                    }
                    return accepts();
                });
        return Duration.between(begin, Instant.now());
    }

    /**
     * Starts a backup broker and waits until it has announced itself to its primary (it opens its acceptor only
     * once it becomes active).
     *
     * @param timeout the longest wait
     * @return how long the start took
     * @throws IOException when the process cannot be started
     */
    Duration startBackup(Duration timeout) throws IOException {
        Instant begin = Instant.now();
        Path console = launch();
        Process started = process;
        await("backup broker " + name + " announced (console: " + console + ")")
                .atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("The backup broker exited with " + started.exitValue()
                                + " while starting; see " + console);
                    }
                    return logged(console, "AMQ221031") || accepts();
                });
        return Duration.between(begin, Instant.now());
    }

    /**
     * @return whether the broker takes connections on its acceptor (a backup: once it has become active)
     */
    boolean active() {
        return process != null && process.isAlive() && accepts();
    }

    /** @return whether its JVM runs */
    boolean running() {
        return process != null && process.isAlive();
    }

    private static boolean logged(Path console, String code) throws IOException {
        return Files.isRegularFile(console) && Files.readString(console).contains(code);
    }

    private Path launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The standalone broker " + name + " is already running");
        }
        checkPortFree(port());
        starts++;
        Path console = instance().resolve("log/console-" + starts + ".log");
        Files.createDirectories(console.getParent());
        ProcessBuilder builder = new ProcessBuilder(instance().resolve("bin/artemis").toString(), "run")
                .directory(instance().toFile()).redirectErrorStream(true).redirectOutput(console.toFile());
        environment(builder.environment());
        process = builder.start();
        return console;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Kills the broker's JVM with SIGKILL and waits until it is gone.
     *
     * @return the moment of the kill
     */
    Instant kill() {
        ProcessHandle jvm = jvm().orElseThrow(() -> new IllegalStateException(
                "The standalone broker " + (process == null ? "(not started)" : process.pid()) + " has no java "
                        + "process to kill"));
        Instant now = Instant.now();
        if (!jvm.destroyForcibly()) {
            throw new IllegalStateException("Could not send SIGKILL to the standalone broker's JVM " + jvm.pid());
        }
        awaitGone(jvm, Duration.ofSeconds(30));
        awaitGone(process.toHandle(), Duration.ofSeconds(30));
        return now;
    }

    /**
     * Stops the broker gracefully (SIGTERM to its JVM: Artemis stops on it), or kills it when it does not stop
     * within a minute.
     */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        Optional<ProcessHandle> jvm = jvm();
        if (jvm.isPresent()) {
            jvm.get().destroy();
            try {
                jvm.get().onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                jvm.get().destroyForcibly();
            }
        }
        process.destroy();
        awaitGone(process.toHandle(), Duration.ofSeconds(30));
    }

    /**
     * {@code bin/artemis} ends in {@code exec java}: the process it started is the JVM itself, unless a shell
     * in between keeps running, in which case the JVM is its only {@code java} descendant.
     */
    private Optional<ProcessHandle> jvm() {
        if (process == null || !process.isAlive()) {
            return Optional.empty();
        }
        ProcessHandle self = process.toHandle();
        if (isJava(self)) {
            return Optional.of(self);
        }
        List<ProcessHandle> javas = self.descendants().filter(StandaloneBroker::isJava).toList();
        if (javas.size() > 1) {
            throw new IllegalStateException("The standalone broker's launcher has " + javas.size()
                    + " java descendants, expected one: " + javas);
        }
        return javas.stream().findFirst();
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("/java")).orElse(false);
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
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 is in use: another broker runs on it; "
                    + "pick another port offset (-Dcrash.port.offset=..., -Dcluster.port.offset=...)", e);
        }
    }

    private void environment(Map<String, String> env) {
        env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        // the instance's etc/artemis.profile sets the JVM options; these would replace them
        env.remove("JAVA_ARGS");
        env.remove("JAVA_ARGS_APPEND");
        env.remove("ARTEMIS_INSTANCE");
    }

    @Override
    public void close() {
        stop();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
