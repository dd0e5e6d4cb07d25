package io.recq.crash.harness;

import java.io.StringReader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.awaitility.core.ConditionTimeoutException;

import io.recq.crash.harness.CrashApi.Outcome;
import io.recq.crash.harness.Load.Sent;

import static io.recq.crash.harness.Verdict.counts;
import static io.recq.crash.harness.Verdict.minMedianMax;
import static io.recq.crash.harness.Verdict.seconds;
import static org.awaitility.Awaitility.await;

/**
 * The cluster test: the crash application on N WildFly nodes (each its own process, port offset,
 * {@code jboss.node.name} and transaction node identifier) sharing a standalone ActiveMQ Artemis pair (primary and
 * backup on a shared store, {@code src/main/cli/broker-pair.cli}) and one PostgreSQL schema behind a TCP proxy.
 * Under load from clients spread over the nodes it runs
 * <ol>
 * <li><b>scale</b>: the nodes join one by one; with 1, 2 … N nodes it prints commands/s, projection lag and the
 * CPU the nodes used per command (figures, never asserted);</li>
 * <li><b>spread</b>: every node handles deposit commands, wherever the request came in;</li>
 * <li><b>node failure</b>: the node holding the most event consumer leases is killed with SIGKILL; its consumers
 * must be taken over by another node within 10 s, callers on the other nodes must see no error; restarted, it
 * takes commands again;</li>
 * <li><b>broker failure</b>: the primary broker is killed; service must resume on the backup within 10 s; the
 * primary is started again and takes its place back; then both brokers are down for a while: every node's
 * readiness must say so, and once the primary is back they take commands again;</li>
 * <li><b>database outage</b> for all nodes at once;</li>
 * <li><b>bad topology</b>: a node started with another node's name, then one with another node's transaction
 * node identifier, must be refused (readiness DOWN, {@code RECQ-01402}) while the node it repeats goes on;</li>
 * <li>the <b>checks</b>: every acknowledged deposit applied once and every unknown one at most once, versions
 * contiguous, the read model equal to a replay, every saga command run once, no consumer's position ever moving
 * back.</li>
 * </ol>
 */
public final class Cluster {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration TAKE_OVER_LIMIT = Duration.ofSeconds(10);
    private static final Duration RESUME_LIMIT = Duration.ofSeconds(10);
    private static final String NODE_DOWN_CODE = "RECQ-01402";
    private static final Duration IDLE = Duration.ofSeconds(5);

    private final CrashSettings base;
    private final int nodeCount;
    private final Duration window;
    private final Map<String, String> nodeProperties;
    private final List<Path> exampleDeployments = new ArrayList<>();
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    private final List<CrashSettings> nodeSettings = new ArrayList<>();
    private final List<CrashServer> nodes = new ArrayList<>();
    private final List<CrashApi> apis = new ArrayList<>();
    private final StandaloneBroker primary;
    private final StandaloneBroker backup;
    private final TcpProxy proxy;
    private final Store store;
    private final List<String> figures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> positions = new HashMap<>();
    private final List<String> backwards = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean sampling = new AtomicBoolean();
    private final List<String> accounts = new ArrayList<>();
    private long seed;

    /**
     * @param base the {@code crash.*} settings: database, clients, accounts, mode, the WildFly and the WAR
     * @param nodeCount WildFly nodes
     * @param portOffset the first node's port offset; node {@code i} has {@code portOffset + 50 (i - 1)}, the
     *        brokers listen on {@code 61616 + portOffset} (primary) and one more (backup)
     * @param window how long each scale step measures
     * @param nodeProperties further system properties of every node ({@code recq.*} settings)
     * @param example the example system's modules ({@code example-ear}): the TodoList's web front and its three
     *        services, as the build packaged them, are deployed on every node beside the crash application;
     *        {@code null} for none
     */
    public Cluster(CrashSettings base, int nodeCount, int portOffset, Duration window,
            Map<String, String> nodeProperties, Path example) {
        if (nodeCount < 2 || nodeCount > 9) {
            throw new IllegalArgumentException("cluster.nodes must be 2 to 9, got " + nodeCount);
        }
        this.base = base;
        this.nodeCount = nodeCount;
        this.window = window;
        this.nodeProperties = Map.copyOf(nodeProperties);
        if (example != null) {
            for (String module : List.of("todolist-ear/target/todolist.ear", "todolist-domain/target/todolist-domain.war",
                    "todolist-views/target/todolist-views.war",
                    "todolist-notifications/target/todolist-notifications.war")) {
                Path file = example.resolve(module).normalize();
                if (java.nio.file.Files.isRegularFile(file)) {
                    exampleDeployments.add(file);
                }
            }
        }
        this.seed = base.seed();
        Path target = base.baseDir().getParent();
        // one more node than the cluster's: the one the bad topology step starts
        for (int i = 1; i <= nodeCount + 1; i++) {
            nodeSettings.add(CrashSettings.fromSystemProperties(Map.of(
                    "crash.port.offset", String.valueOf(portOffset + 50 * (i - 1)),
                    "crash.base.dir", target.resolve("cluster-node-" + i).toString())));
        }
        int primaryPort = 61616 + portOffset;
        Path journal = target.resolve("cluster-broker-journal");
        List<String> pair = List.of("--shared-store", "--clustered", "--cluster-user", "recq-cluster",
                "--cluster-password", StandaloneBroker.PASSWORD, "--data", journal.toString());
        List<String> primaryOptions = new ArrayList<>(pair);
        primaryOptions.addAll(List.of("--failover-on-shutdown", "--staticCluster", "tcp://127.0.0.1:"
                + (primaryPort + 1)));
        List<String> backupOptions = new ArrayList<>(pair);
        backupOptions.addAll(List.of("--backup", "--staticCluster", "tcp://127.0.0.1:" + primaryPort));
        Path artemisHome = base.artemisHome();
        this.primary = new StandaloneBroker(artemisHome, target.resolve("cluster-broker-primary"), primaryPort,
                "primary", primaryOptions);
        this.backup = new StandaloneBroker(artemisHome, target.resolve("cluster-broker-backup"), primaryPort + 1,
                "backup", backupOptions);
        this.proxy = new TcpProxy(15432 + portOffset, "127.0.0.1", 5432);
        this.store = new Store(base.jdbcUrl(), base.jdbcUser(), "recq_cluster_" + ProcessHandle.current().pid());
    }

    /**
     * What a run found.
     *
     * @param figures the figures, one line each
     * @param failures the checks that failed, one line each
     */
    public record Report(List<String> figures, List<String> failures) {

        /** @return the report as printed */
        public String text() {
            StringBuilder text = new StringBuilder("\n=== RECQ cluster test ===\n");
            figures.forEach(f -> text.append("  ").append(f).append('\n'));
            if (failures.isEmpty()) {
                text.append("=== all checks passed ===\n");
            } else {
                text.append("=== ").append(failures.size()).append(" check(s) FAILED ===\n");
                failures.forEach(f -> text.append("  FAILED: ").append(f).append('\n'));
            }
            return text.toString();
        }
    }

    /**
     * @return what the run found
     * @throws Exception when the run could not be carried out (not a failed check)
     */
    public Report run() throws Exception {
        figure("%d nodes, seed %d, schema %s, brokers 127.0.0.1:%d (primary) and :%d (backup), database proxy :%d; "
                + "node properties %s", nodeCount, seed, store.schema(), primary.port(), backup.port(), proxy.port(),
                nodeProperties);
        store.create();
        Thread sampler = null;
        try {
            proxy.restore();
            primary.create();
            backup.create();
            figure("primary broker started in %s, backup announced in %s", seconds(primary.start(START_TIMEOUT)),
                    seconds(backup.startBackup(START_TIMEOUT)));
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?currentSchema=" + store.schema();
            String script = brokerPairScript();
            for (CrashSettings settings : nodeSettings) {
                CrashServer server = new CrashServer(settings, base.war(), script);
                server.prepare(jdbcUrl);
                if (!exampleDeployments.isEmpty() && nodes.size() < nodeCount) {
                    // the example system beside it, on every node of the cluster (not on the intruder)
                    for (Path file : exampleDeployments) {
                        java.nio.file.Files.copy(file, settings.baseDir().resolve("deployments")
                                .resolve(file.getFileName()));
                    }
                }
                nodes.add(server);
                apis.add(new CrashApi(server.baseUri()));
            }
            sampling.set(true);
            sampler = new Thread(this::sample, "cluster-sampler");
            sampler.setDaemon(true);
            sampler.start();

            scale();
            spread();
            exampleSystem();
            nodeFailure();
            brokerFailure();
            brokersDown();
            databaseOutage();
            badTopology();
            checks();
        } finally {
            sampling.set(false);
            if (sampler != null) {
                sampler.join(5_000);
            }
            for (CrashServer node : nodes) {
                node.stop();
            }
            backup.stop();
            primary.stop();
            proxy.close();
            if (base.keepSchema()) {
                figure("schema %s kept", store.schema());
            } else {
                store.drop();
            }
        }
        return new Report(List.copyOf(figures), List.copyOf(failures));
    }

    private String brokerPairScript() throws Exception {
        return java.nio.file.Files.readString(base.cli().resolveSibling("broker-pair.cli"))
                .replace("@PRIMARY_HOST@", "127.0.0.1").replace("@PRIMARY_PORT@", String.valueOf(primary.port()))
                .replace("@BACKUP_HOST@", "127.0.0.1").replace("@BACKUP_PORT@", String.valueOf(backup.port()))
                .replace("@BROKER_USER@", StandaloneBroker.USER).replace("@BROKER_PASSWORD@", StandaloneBroker.PASSWORD);
    }

    /** The system properties of a node of this name and transaction node identifier. */
    private Map<String, String> identity(String node, String transactionNode) {
        Map<String, String> properties = new HashMap<>(nodeProperties);
        if (!exampleDeployments.isEmpty()) {
            // five RECQ deployments at boot: WildFly resolves each one's @JMSDestinationDefinition on a thread of
            // its service container waiting for the resource adapter, which needs a thread of the same container
            // (2 per core by default, 4 here): with as many such deployments as threads the boot hangs for good
            properties.put("org.jboss.server.bootstrap.maxThreads", "16");
        }
        properties.put("jboss.node.name", node);
        properties.put("jboss.tx.node.id", transactionNode);
        return properties;
    }

    private Duration start(int i) throws Exception {
        return nodes.get(i).start(identity(name(i), name(i)), START_TIMEOUT);
    }

    private static String name(int i) {
        return "node-" + (i + 1);
    }

    // ---------------------------------------------------------------------------------------------- scale

    /**
     * The nodes join one by one; with each count the same clients send deposits for one window, spread over the
     * running nodes.
     */
    private void scale() throws Exception {
        for (int n = 1; n <= nodeCount; n++) {
            figure("node-%d started in %s", n, seconds(start(n - 1)));
            if (n == 1) {
                for (int a = 1; a <= base.accounts(); a++) {
                    String account = String.format(Locale.ROOT, "acc-%03d", a);
                    await("account " + account + " opened").atMost(Duration.ofMinutes(1))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> apis.get(0).open(account).outcome() == Outcome.ACKED);
                    accounts.add(account);
                }
            }
            // what the running nodes use without load (the consumers' polling, the leases, the heartbeat)
            Map<Integer, Duration> idleFrom = cpu(n);
            Instant idleBegin = Instant.now();
            Thread.sleep(IDLE.toMillis());
            Map<Integer, Duration> idleTo = cpu(n);
            double idleSeconds = Duration.between(idleBegin, Instant.now()).toMillis() / 1000.0;
            long idleMillisPerSecond = 0;
            for (int i = 0; i < n; i++) {
                idleMillisPerSecond += (long) (idleTo.get(i).minus(idleFrom.get(i)).toMillis() / idleSeconds);
            }
            Load load = load(n);
            // a warm-up as long as the window (the new node's code is compiled meanwhile), then the window
            Thread.sleep(window.toMillis());
            Map<Integer, Duration> cpu = cpu(n);
            long acked = load.acked();
            Instant begin = Instant.now();
            List<Long> lags = new ArrayList<>();
            while (Duration.between(begin, Instant.now()).compareTo(window) < 0) {
                Thread.sleep(500);
                lags.add(projectionLag());
            }
            long done = load.acked() - acked;
            Duration elapsed = Duration.between(begin, Instant.now());
            Map<Integer, Duration> used = cpu(n);
            long cpuMicros = 0;
            StringBuilder perNode = new StringBuilder();
            for (int i = 0; i < n; i++) {
                long micros = used.get(i).minus(cpu.get(i)).toNanos() / 1_000;
                cpuMicros += micros;
                perNode.append(i == 0 ? "" : ", ").append(name(i)).append(' ')
                        .append(done == 0 ? "-" : micros / done).append(" µs");
            }
            stop(load);
            figure("scale, %d node(s), %d clients: %.0f commands/s; projection lag (events behind the head) mean "
                    + "%.0f, max %d; CPU of all nodes %d µs per command (%s); without load the nodes used %d ms of "
                    + "CPU per second", n, base.clients(), done / (elapsed.toMillis() / 1000.0),
                    lags.stream().mapToLong(Long::longValue).average().orElse(0),
                    lags.stream().mapToLong(Long::longValue).max().orElse(0), done == 0 ? 0 : cpuMicros / done,
                    perNode, idleMillisPerSecond);
        }
    }

    private Map<Integer, Duration> cpu(int n) {
        Map<Integer, Duration> cpu = new HashMap<>();
        for (int i = 0; i < n; i++) {
            cpu.put(i, nodes.get(i).cpu());
        }
        return cpu;
    }

    private long projectionLag() throws SQLException {
        // the position first: read after it, the head is never behind it
        long position = store.leases().values().stream().filter(l -> l.id().contains("AccountProjector"))
                .mapToLong(Store.Lease::position).min().orElse(0);
        return Math.max(0, store.head() - position);
    }

    // --------------------------------------------------------------------------------------------- spread

    /** Every node handled deposit commands, whichever node the requests went to. */
    private void spread() {
        Map<String, Long> work = new LinkedHashMap<>();
        for (int i = 0; i < nodeCount; i++) {
            work.put(name(i), nodeWork(i));
        }
        figure("deposit commands handled per node since its start: %s", work);
        work.forEach((node, deposits) -> check(node + " handled deposit commands (" + deposits + ")", deposits > 0));
    }

    private long nodeWork(int i) {
        CrashApi.Answer answer = apis.get(i).get("api/node-work");
        if (answer.status() != 200) {
            return -1;
        }
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            JsonObject work = reader.readObject();
            return work.getJsonNumber("deposits").longValue();
        }
    }

    // ------------------------------------------------------------------------------------- example system

    /**
     * The TodoList system on every node: a list created through one node's web front, a todo added through the
     * next node's, and the list read through a third node's shows it (its views may be on any node).
     */
    private void exampleSystem() throws Exception {
        if (exampleDeployments.size() < 4) {
            figure("example system NOT deployed: found %s of its four deployments under cluster.example.dir (build "
                    + "with mvn -B verify, or -pl crash-test,example-ear/todolist-ear -am, which package it)",
                    exampleDeployments);
            return;
        }
        List<String> problems = new ArrayList<>();
        Instant begin = Instant.now();
        for (int i = 0; i < nodeCount; i++) {
            int creator = i;
            int adder = (i + 1) % nodeCount;
            int reader = (i + 2) % nodeCount;
            String[] reply = todo(creator, "POST", "lists", "{\"name\":\"Cluster " + i + "\"}");
            if (!reply[0].equals("201")) {
                problems.add("creating a list through " + name(creator) + ": " + reply[0] + " " + reply[1]);
                continue;
            }
            String listId;
            try (JsonReader json = Json.createReader(new StringReader(reply[1]))) {
                listId = json.readObject().getString("id");
            }
            String text = "written through " + name(adder);
            String[] added = new String[] {"", ""};
            try {
                // the list's view is eventually there; the todo is added once the domain knows the list
                await("a todo added through " + name(adder)).atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500)).until(() -> {
                            String[] r = todo(adder, "POST", "lists/" + listId + "/todos",
                                    "{\"text\":\"" + text + "\"}");
                            added[0] = r[0];
                            added[1] = r[1];
                            return r[0].equals("201");
                        });
                await("the todo read through " + name(reader)).atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500)).until(() -> {
                            String[] r = todo(reader, "GET", "lists/" + listId, null);
                            return r[0].equals("200") && r[1].contains(text);
                        });
            } catch (ConditionTimeoutException e) {
                problems.add("list " + listId + " created through " + name(creator) + ", todo through " + name(adder)
                        + " (" + added[0] + " " + added[1] + "), read through " + name(reader) + ": "
                        + String.join(" ", todo(reader, "GET", "lists/" + listId, null)));
            }
        }
        figure("example system (the TodoList's web front and its domain, views and notifications services on every "
                + "node): %d lists each created through one node, changed through the next and read through a "
                + "third in %s; %d problems", nodeCount, seconds(Duration.between(begin, Instant.now())),
                problems.size());
        check("the example system works across the nodes: " + problems, problems.isEmpty());
    }

    /**
     * @return the status and body of a request to the TodoList's web front on node {@code i}
     */
    private String[] todo(int i, String method, String path, String json) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                nodes.get(i).baseUri().resolve("/todolist/api/" + path)).timeout(Duration.ofSeconds(35))
                .header("X-User", "cluster");
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
        }
        try {
            java.net.http.HttpResponse<String> response = http.send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new String[] {String.valueOf(response.statusCode()), response.body()};
        } catch (java.io.IOException e) {
            return new String[] {"-1", e.toString()};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new String[] {"-1", e.toString()};
        }
    }

    // --------------------------------------------------------------------------------------- node failure

    /**
     * Kills the node holding the most consumer leases under load, times the take-over of its consumers, checks
     * that callers of the other nodes saw no error, restarts it and sees it take commands again.
     */
    private void nodeFailure() throws Exception {
        Load load = load(nodeCount);
        long before = load.acked();
        await("load before the node kill").atMost(Duration.ofMinutes(1)).until(() -> load.acked() > before + 200);
        Map<String, Store.Lease> leases = store.leases();
        int victim = 0;
        long most = -1;
        for (int i = 0; i < nodeCount; i++) {
            String prefix = name(i) + "-";
            long held = leases.values().stream().filter(l -> l.owner() != null && l.owner().startsWith(prefix)).count();
            if (held > most) {
                most = held;
                victim = i;
            }
        }
        String prefix = name(victim) + "-";
        List<String> held = leases.values().stream().filter(l -> l.owner() != null && l.owner().startsWith(prefix))
                .map(Store.Lease::id).toList();
        Instant killedAt = nodes.get(victim).kill();
        Duration takeOver = null;
        try {
            await("the consumers of " + name(victim) + " taken over").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        Map<String, Store.Lease> now = store.leases();
                        return held.stream().allMatch(id -> now.get(id).owner() != null
                                && !now.get(id).owner().startsWith(prefix));
                    });
            takeOver = Duration.between(killedAt, Instant.now());
        } catch (ConditionTimeoutException e) {
            failures.add("node failure: the consumers " + held + " of the killed " + name(victim) + " were not taken "
                    + "over within a minute: " + store.consumers());
        }
        figure("node failure: %s killed (SIGKILL) holding %s; taken over by %s after %s", name(victim), held,
                owners(held), takeOver == null ? "never" : seconds(takeOver));
        if (takeOver != null && takeOver.compareTo(TAKE_OVER_LIMIT) > 0) {
            failures.add("node failure: the consumers of the killed node were taken over only " + seconds(takeOver)
                    + " after the kill (limit " + seconds(TAKE_OVER_LIMIT) + ")");
        }
        // the others go on taking requests
        long afterKill = load.acked();
        awaitQuietly("load after the node kill", Duration.ofMinutes(1), () -> load.acked() > afterKill + 200);
        Duration restart = start(victim);
        Instant restartedAt = Instant.now();
        int killed = victim;
        awaitQuietly("the restarted node taking commands", Duration.ofMinutes(1), () -> nodeWork(killed) > 0);
        long work = nodeWork(killed);
        stop(load);
        List<Load.Failure> others = load.failures().stream().filter(f -> f.server() != killed)
                .filter(f -> !f.at().isBefore(killedAt) && f.at().isBefore(restartedAt)).toList();
        figure("node failure: %s restarted in %s and handled %d deposit commands since; callers of the other nodes "
                + "saw %d errors meanwhile; callers of the killed node %d", name(victim), seconds(restart), work,
                others.size(), load.failures().stream().filter(f -> f.server() == killed).count());
        check("callers of the nodes that stayed saw no error while " + name(victim) + " was down: " + others.stream()
                .limit(5).toList(), others.isEmpty());
        check("the restarted " + name(victim) + " takes deposit commands again", work > 0);
    }

    private String owners(List<String> consumers) throws SQLException {
        Map<String, Store.Lease> now = store.leases();
        return consumers.stream().map(id -> String.valueOf(now.get(id).owner())).distinct()
                .collect(Collectors.joining(", "));
    }

    // ------------------------------------------------------------------------------------- broker failure

    /**
     * Kills the primary broker under load: service resumes on the backup; then starts the primary again, which
     * takes its place back (fail-back): service resumes again.
     */
    private void brokerFailure() throws Exception {
        Load load = load(nodeCount);
        long before = load.acked();
        await("load before the broker kill").atMost(Duration.ofMinutes(1)).until(() -> load.acked() > before + 200);
        Instant killedAt = primary.kill();
        Optional<Duration> failover = resumed(load, killedAt, "after the primary broker's kill");
        await("the backup broker active").atMost(Duration.ofMinutes(1)).until(backup::active);
        long onBackup = load.acked();
        awaitQuietly("load on the backup broker", Duration.ofMinutes(1), () -> load.acked() > onBackup + 200);
        Instant primaryStart = Instant.now();
        Duration started = primary.start(START_TIMEOUT);
        Optional<Duration> failback = resumed(load, primaryStart, "after the primary broker's return");
        // the backup gives the journal back and waits as a backup again
        awaitQuietly("the backup broker passive again", Duration.ofMinutes(1), () -> !backup.active());
        long back = load.acked();
        awaitQuietly("load after the fail-back", Duration.ofMinutes(1), () -> load.acked() > back + 200);
        stop(load);
        figure("broker failure: primary killed (SIGKILL), first acknowledged command sent after the kill came %s "
                + "after it; primary started again in %s, first acknowledged command sent after its start %s; backup "
                + "%s; %s", failover.map(Verdict::seconds).orElse("never"), seconds(started),
                failback.map(Verdict::seconds).orElse("never"), backup.active() ? "still active" : "passive again",
                counts(load.sent()));
        failover.filter(d -> d.compareTo(RESUME_LIMIT) > 0).ifPresent(d -> failures.add("broker failure: service "
                + "resumed only " + seconds(d) + " after the primary's kill (limit " + seconds(RESUME_LIMIT) + ")"));
        check("the backup broker went back to waiting once the primary returned", !backup.active());
    }

    /**
     * Both brokers down: every node's readiness says so; once the primary is back the nodes are ready and take
     * commands again, and nothing is lost (the checks at the end).
     */
    private void brokersDown() throws Exception {
        Load load = load(nodeCount);
        long before = load.acked();
        await("load before the brokers' kill").atMost(Duration.ofMinutes(1)).until(() -> load.acked() > before + 100);
        primary.kill();
        await("the backup broker active").atMost(Duration.ofMinutes(1)).until(backup::active);
        Instant downAt = backup.kill();
        List<String> notDown = new ArrayList<>();
        try {
            await("every node's readiness DOWN without a broker").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        notDown.clear();
                        for (int i = 0; i < nodeCount; i++) {
                            CrashServer.HealthReport ready = nodes.get(i).readiness();
                            if (ready.status() != 503 || !ready.body().contains("recq-jms")) {
                                notDown.add(name(i) + " " + ready.status());
                            }
                        }
                        return notDown.isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            failures.add("brokers down: readiness of " + notDown + " did not go DOWN within 60 s without a broker");
        }
        Duration down = Duration.between(downAt, Instant.now());
        String report = nodes.get(0).readiness().body();
        Instant primaryStart = Instant.now();
        primary.start(START_TIMEOUT);
        backup.startBackup(START_TIMEOUT);
        List<String> notUp = new ArrayList<>();
        Duration ready = null;
        try {
            await("every node ready again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        notUp.clear();
                        for (int i = 0; i < nodeCount; i++) {
                            if (nodes.get(i).readiness().status() != 200) {
                                notUp.add(name(i));
                            }
                        }
                        return notUp.isEmpty();
                    });
            ready = Duration.between(primaryStart, Instant.now());
        } catch (ConditionTimeoutException e) {
            failures.add("brokers down: " + notUp + " not ready within 2 minutes of the primary's return");
        }
        Optional<Duration> resumed = resumed(load, primaryStart, "after both brokers were down");
        long back = load.acked();
        awaitQuietly("load after the brokers' return", Duration.ofMinutes(1), () -> load.acked() > back + 100);
        stop(load);
        figure("both brokers down: every node's readiness DOWN within %s (e.g. %s); primary back: every node ready "
                + "%s and the first acknowledged command %s after its start; %s", seconds(down),
                excerpt(report, "recq-jms"), ready == null ? "never" : "after " + seconds(ready),
                resumed.map(Verdict::seconds).orElse("never"), counts(load.sent()));
    }

    private static String excerpt(String health, String check) {
        int at = health.indexOf("\"" + check + "\"");
        if (at < 0) {
            return health.length() > 200 ? health.substring(0, 200) : health;
        }
        int from = health.lastIndexOf('{', at);
        int to = health.indexOf('}', at);
        return health.substring(Math.max(0, from), to < 0 ? health.length() : to + 1);
    }

    /**
     * @return how long after {@code since} the first acknowledged command sent after it ended, if one did within
     *         two minutes
     */
    private Optional<Duration> resumed(Load load, Instant since, String what) {
        try {
            await("an acknowledged command " + what).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> load.firstAckStartedAfter(since).isPresent());
            return load.firstAckStartedAfter(since).map(first -> Duration.between(since, first));
        } catch (ConditionTimeoutException e) {
            failures.add("no command was acknowledged within 2 minutes " + what);
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------------------------ database outage

    private void databaseOutage() throws Exception {
        Load load = load(nodeCount);
        long before = load.acked();
        await("load before the outage").atMost(Duration.ofMinutes(1)).until(() -> load.acked() > before + 200);
        proxy.cut();
        Thread.sleep(base.outage().toMillis());
        proxy.restore();
        Instant back = Instant.now();
        Optional<Duration> resumed = resumed(load, back, "after the database's return");
        long after = load.acked();
        awaitQuietly("load after the outage", Duration.ofMinutes(1), () -> load.acked() > after + 200);
        stop(load);
        figure("database outage of %s for all nodes: first acknowledged command %s after its return; %s",
                seconds(base.outage()), resumed.map(Verdict::seconds).orElse("never"), counts(load.sent()));
        resumed.filter(d -> d.compareTo(RESUME_LIMIT) > 0).ifPresent(d -> failures.add("database outage: commands "
                + "succeeded again only " + seconds(d) + " after the database returned (limit 10 s)"));
    }

    // --------------------------------------------------------------------------------------- bad topology

    /**
     * A further node with node-1's name, then one with node-1's transaction node identifier: each must be refused
     * while node-1 goes on.
     */
    private void badTopology() throws Exception {
        int extra = nodeCount;
        CrashServer intruder = nodes.get(extra);
        for (Map.Entry<String, Map<String, String>> clash : List.of(
                Map.entry("node name", identity(name(0), "node-x")),
                Map.entry("transaction node identifier", identity("node-x", name(0))))) {
            Duration started = intruder.start(clash.getValue(), START_TIMEOUT, false);
            Instant at = Instant.now();
            CrashServer.HealthReport[] last = new CrashServer.HealthReport[1];
            Duration refused = null;
            try {
                await("a node with node-1's " + clash.getKey() + " refused").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250)).until(() -> {
                            last[0] = intruder.readiness();
                            return last[0].status() == 503 && last[0].body().contains(NODE_DOWN_CODE);
                        });
                refused = Duration.between(at, Instant.now());
            } catch (ConditionTimeoutException e) {
                failures.add("bad topology: a node with node-1's " + clash.getKey() + " was not refused within 60 s "
                        + "of its start: readiness " + (last[0] == null ? "none" : last[0].status() + " "
                                + last[0].body()));
            }
            CrashServer.HealthReport first = nodes.get(0).readiness();
            figure("bad topology, same %s as node-1: started in %s, refused %s (%s); node-1 readiness %d",
                    clash.getKey(), seconds(started), refused == null ? "never" : "after " + seconds(refused),
                    last[0] == null ? "" : excerpt(last[0].body(), "recq-service"), first.status());
            check("node-1 stays ready beside a node with its " + clash.getKey(), first.status() == 200);
            intruder.stop();
        }
    }

    // --------------------------------------------------------------------------------------------- checks

    private void checks() throws Exception {
        awaitQuietly("the read model equal to a replay of the store", Duration.ofMinutes(2),
                () -> store.readModel().equals(store.replay()));
        awaitQuietly("every command the saga committed run", Duration.ofMinutes(1),
                () -> Verdict.sagaProblems(store).isEmpty());
        List<Sent> all = List.copyOf(sent);
        Verdict.ExactlyOnce once = Verdict.exactlyOnce(all, store.countByDeposit("Deposited"));
        figure("all deposits: %s; lost %d, duplicated %d (keyed %d), unknown but applied once %d", counts(all),
                once.lost(), once.duplicated(), once.keyedDuplicated(), once.unknownApplied());
        check("exactly once: " + once.lost() + " acknowledged deposit(s) lost, " + once.duplicated() + " applied more "
                + "than once; e.g. " + once.examples(), once.holds());
        long refused = Verdict.count(all, Outcome.REFUSED);
        check("no conflict or refusal surfaced to a caller: " + refused + " refused", refused == 0);
        List<String> versions = store.versionProblems();
        figure("store: %d events, %d aggregates, %d with non-contiguous versions", store.events(), store.aggregates(),
                versions.size());
        check("versions contiguous: " + versions.stream().limit(10).toList(), versions.isEmpty());
        Map<String, Store.Balance> model = store.readModel();
        Map<String, Store.Balance> replay = store.replay();
        check("read model equals a replay of the store: " + Verdict.difference(model, replay), model.equals(replay));
        List<String> saga = Verdict.sagaProblems(store);
        figure("saga: %d commands committed by the saga, %d not run exactly once",
                store.sagaTriggers(Verdict.SAGA_THRESHOLD, store.sagaPosition()).size(), saga.size());
        check("every saga command run exactly once: " + saga.stream().limit(5).toList(), saga.isEmpty());
        figure("consumer positions sampled every 200 ms: %d moved back", backwards.size());
        check("consumer positions only move forward: " + backwards.stream().limit(5).toList(), backwards.isEmpty());
        check("no dead events", store.deadEvents() == 0);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Reads every consumer's row every 200 ms and notes a position that moved back. */
    private void sample() {
        while (sampling.get()) {
            try {
                for (Store.Lease lease : store.leases().values()) {
                    Long last = positions.put(lease.id(), lease.position());
                    if (last != null && lease.position() < last) {
                        backwards.add(lease.id() + " from " + last + " to " + lease.position() + " (" + lease.owner()
                                + ")");
                    }
                }
            } catch (SQLException e) {
                // the database is cut off: sample again
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Load load(int running) {
        Load load = new Load(apis.subList(0, running), accounts, ++seed);
        load.start(base.clients(), 0, 0, () -> true);
        return load;
    }

    private void stop(Load load) throws InterruptedException {
        load.stop(Duration.ofMinutes(2));
        sent.addAll(load.sent());
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private void awaitQuietly(String what, Duration timeout, Check check) {
        try {
            await(what).atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(check::holds);
        } catch (ConditionTimeoutException e) {
            // reported by the check that follows
        }
    }

    private void check(String what, boolean passed) {
        if (!passed) {
            failures.add(what);
        }
    }

    private void figure(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        figures.add(line);
        System.out.println("cluster test: " + line);
    }
}
