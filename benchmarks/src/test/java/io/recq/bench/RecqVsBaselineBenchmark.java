package io.recq.bench;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.bench.account.AccountOpened;
import io.recq.bench.account.Deposit;
import io.recq.bench.account.Deposited;
import io.recq.bench.axon.AxonApplication;
import io.recq.bench.baseline.BaselineClient;
import io.recq.bench.driver.BenchmarkResource;
import io.recq.bench.probe.CommitProbe;
import io.recq.bench.replay.CountingReplayProjector;
import io.recq.bench.replay.ReplayBalance;
import io.recq.bench.replay.ReplayMeter;
import io.recq.bench.replay.ReplayProjector;
import io.recq.bench.replay.ReplayResource;

/**
 * The benchmark run: deploys the benchmark application (RECQ, the hand-written baseline and the same work
 * written with Axon Framework, side by side) into the build's WildFly, opens 1,000 accounts on each side,
 * stores the history the replays read, warms every side up, then measures every figure once per run for
 * every side, rotating which side goes first, and prints the table of medians with their minimum and
 * maximum. The load runs inside the server; this client only starts phases and collects their figures. Run
 * it with {@code benchmarks/run.sh}.
 *
 * <p>Settings (system properties): {@code bench.runs} (3), {@code bench.measure.ms} (8000),
 * {@code bench.warmup.ms} (2000), {@code bench.callers} ("1,4,16"), {@code bench.history} (100000),
 * {@code bench.projection.rate} (100 commands/s), {@code bench.warmup.replay} (true).
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(BenchDatabaseSetup.class)
@RunAsClient
class RecqVsBaselineBenchmark {

    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final long MEASURE_MS = Long.getLong("bench.measure.ms", 8_000);
    private static final long WARMUP_MS = Long.getLong("bench.warmup.ms", 2_000);
    private static final int[] CALLERS = java.util.Arrays.stream(System.getProperty("bench.callers", "1,4,16")
            .split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    private static final int HISTORY = Integer.getInteger("bench.history", 100_000);
    private static final double PROJECTION_RATE = Double.parseDouble(System.getProperty("bench.projection.rate",
            "100"));
    private static final boolean WARMUP_REPLAY = Boolean.parseBoolean(System.getProperty("bench.warmup.replay",
            "true"));
    private static final int QUERY_CALLERS = 16;
    private static final String NO_EVENT_SIDE = "event side not available";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "bench", testable = false)
    static WebArchive benchmark() {
        return ShrinkWrap.create(WebArchive.class, "bench.war")
                .addPackage(Deposit.class.getPackage())
                .addPackage(BaselineClient.class.getPackage())
                .addPackage(AxonApplication.class.getPackage())
                .addPackage(BenchmarkResource.class.getPackage())
                .addPackage(CommitProbe.class.getPackage())
                .addClasses(ReplayBalance.class, ReplayMeter.class)
                .addAsLibraries(recqLibraries("recq-api", "recq-cdi", "recq-jms", "recq-jpa-store"))
                .addAsLibraries(axonLibraries())
                .addAsResource("META-INF/bench/persistence.xml", "META-INF/persistence.xml")
                .addAsResource("META-INF/bench/axon-orm.xml", "META-INF/axon-orm.xml")
                .addAsWebInfResource("META-INF/bench/beans.xml", "beans.xml")
                .setWebXML("META-INF/bench/web.xml");
    }

    /**
     * Axon Framework and what it needs at run time (Jackson, XStream, the disruptor; not SLF4J, which the server
     * gives every deployment), copied by the bench profile.
     */
    private static File[] axonLibraries() {
        File dir = new File(System.getProperty("bench.axon.libs.dir", "target/bench-axon-libs"));
        File[] jars = dir.listFiles((d, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException(dir.getAbsolutePath() + " has no jars: run with -P bench");
        }
        java.util.Arrays.sort(jars);
        return jars;
    }

    /**
     * The replay deployment, without recq-jms: a replay needs no transport, the tracker reads the store until it
     * reaches the head, and nothing else of the transport then costs time beside it.
     */
    @Deployment(name = "replay", managed = false, testable = false)
    static WebArchive replay() {
        return replayArchive("bench-replay.war")
                .addClasses(ReplayProjector.class, ReplayBalance.class)
                .addAsResource("META-INF/bench/replay-persistence.xml", "META-INF/persistence.xml");
    }

    /**
     * The replay deployment whose projector only counts: the framework's part of a replay.
     */
    @Deployment(name = "replay-count", managed = false, testable = false)
    static WebArchive countingReplay() {
        return replayArchive("bench-replay-count.war").addClass(CountingReplayProjector.class);
    }

    private static WebArchive replayArchive(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(ReplayMeter.class, ReplayResource.class, ReplayResource.ReplayApplication.class)
                .addClasses(Deposited.class, AccountOpened.class)
                .addAsLibraries(recqLibraries("recq-api", "recq-cdi", "recq-jpa-store"))
                .addAsWebInfResource("META-INF/bench/beans.xml", "beans.xml");
    }

    private static JavaArchive[] recqLibraries(String... modules) {
        String root = System.getProperty("bench.modules.dir", "..");
        return java.util.Arrays.stream(modules).map(name -> {
            File classes = new File(root, name + "/target/classes");
            if (!classes.isDirectory()) {
                throw new IllegalStateException(classes.getAbsolutePath() + " is missing: build with -am");
            }
            return ShrinkWrap.create(ExplodedImporter.class, name + ".jar").importDirectory(classes)
                    .as(JavaArchive.class);
        }).toArray(JavaArchive[]::new);
    }

    @Test
    void measuresRecqAgainstPlainJakartaEe(@ArquillianResource @OperateOnDeployment("bench") URL bench)
            throws Exception {
        BenchClient api = new BenchClient(new URL(bench, "api/bench/"));
        URL server = new URL(bench, "/");
        JsonObject info = api.get("info");
        boolean eventSide = info.getBoolean("eventSide");
        log("server: " + info);
        String loadAtStart = loadAverage();

        log("setup: " + api.post("setup?accounts=1000"));
        log("history: " + api.post("seed?events=" + HISTORY));
        long history = api.get("info").getJsonNumber("recqHistory").longValue();

        Report report = figures();
        Map<String, String> loads = new LinkedHashMap<>();
        Runs runs = new Runs(api, server, eventSide, history, report);

        log("warm-up (not recorded)");
        runs.warmUp();
        for (int run = 1; run <= RUNS; run++) {
            String load = loadAverage();
            log("run " + run + " of " + RUNS + " (load average " + load + ")");
            runs.run(run);
            loads.put("run " + run, load + " → " + loadAverage());
        }
        double liveHeap = api.get("heap").getJsonNumber("liveHeapMb").doubleValue();

        String table = report.table();
        StringBuilder out = new StringBuilder();
        out.append("## ").append(BenchDatabaseSetup.DATABASE.equals("h2") ? "H2" : "PostgreSQL").append(" — ")
                .append(info.getString("database")).append('\n').append('\n');
        out.append("Measured ").append(Instant.now()).append(" on ").append(info.getInt("processors"))
                .append(" cores, ").append(info.getString("java")).append(", server heap ")
                .append(info.getJsonNumber("maxHeapMb").longValue()).append(" MiB; ").append(RUNS)
                .append(" runs of ").append(MEASURE_MS / 1000.0).append(" s per phase after ")
                .append(WARMUP_MS / 1000.0).append(" s warm-up; history ").append(history)
                .append(" events. Load average (1, 5, 15 min) at start ").append(loadAtStart).append("; ")
                .append(loads).append(".\n\n");
        out.append(table);
        out.append("\nHeap in use after a full collection at the end (all three sides deployed, ")
                .append(history).append(" history events per side + commands' events stored): ")
                .append(Report.format(liveHeap, 0)).append(" MiB.\n");
        if (!eventSide) {
            out.append("\nFigures marked n/a need the event side (projectors with positions in the store, replay and "
                    + "topic push), which this build does not contain.\n");
        }
        System.out.println();
        System.out.println(out);
        Path dir = Path.of(System.getProperty("bench.results.dir", "target/bench-results"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results-" + BenchDatabaseSetup.DATABASE + ".md"), out.toString());
        Files.writeString(dir.resolve("results-" + BenchDatabaseSetup.DATABASE + ".json"), report.json());
        log("written to " + dir.toAbsolutePath());
    }

    private static Report figures() {
        Report report = new Report();
        for (int callers : CALLERS) {
            report.figure("commands." + callers, "commands/s, " + callers + (callers == 1 ? " caller" : " callers"), 0,
                    callers == 16 ? "RECQ ≥ 0.8 × baseline" : "");
        }
        return report
                .figure("commands.16.p50", "command round trip p50, 16 callers (closed loop), ms", 2, "")
                .figure("commands.16.p99", "command round trip p99, 16 callers (closed loop), ms", 2, "")
                .figure("latency.rate", "offered rate at 50 % of the 16-caller maximum, commands/s", 0, "")
                .figure("latency.p50", "command latency p50 at that rate, ms", 2, "")
                .figure("latency.p99", "command latency p99 at that rate, ms", 2, "")
                .figure("latency.same.rate", "the same offered rate for all: 50 % of the lowest 16-caller maximum, "
                        + "commands/s", 0, "")
                .figure("latency.same.p50", "command latency p50 at that common rate, ms", 2,
                        "RECQ ≤ 1.25 × baseline")
                .figure("latency.same.p99", "command latency p99 at that common rate, ms", 2, "")
                .figure("queries.rate", "queries/s, " + QUERY_CALLERS + " callers", 0, "")
                .figure("queries.p50", "query round trip p50, " + QUERY_CALLERS + " callers, ms", 2, "")
                .figure("queries.p99", "query round trip p99, " + QUERY_CALLERS + " callers, ms", 2, "")
                .figure("projection.p50", "event-to-projection p50, caught up (" + (int) PROJECTION_RATE
                        + " commands/s), from the start of the command's commit, ms", 2, "")
                .figure("projection.p99", "event-to-projection p99, same, ms", 2, "RECQ < 50 ms")
                .figure("projection.end.p50", "event-to-projection p50, from the end of the command's commit, ms",
                        2, "")
                .figure("projection.end.p99", "event-to-projection p99, from the end of the command's commit, ms",
                        2, "")
                .figure("replay.rate", "projector replay into a JPA read model, events/s (" + String.format(
                        Locale.ROOT, "%,d", HISTORY) + " stored events)", 0, "RECQ ≥ 20,000 on PostgreSQL")
                .figure("replay.count.rate", "projector replay, handler only counts, events/s", 0,
                        "RECQ ≥ 20,000 on PostgreSQL")
                .figure("heap.peak", "peak heap of the server during the side's phases, MiB", 0, "")
                .figure("heap.live", "heap in use after a full collection right after the side's 16-caller phase "
                        + "(whole server), MiB", 0, "")
                .figure("cpu.command", "server CPU per command, 16 callers, µs", 0, "")
                .figure("cpu.command.settled", "server CPU per command with the projection of its event (the "
                        + "window, then until the side's projector caught up), 16 callers, µs", 0, "")
                .figure("settle", "time the side's projector took to catch up after the 16-caller window, ms", 0,
                        "")
                .figure("alloc.command", "allocated per command, 16 callers, KiB", 1, "");
    }

    /**
     * One warm-up and the measured runs, with the state they share.
     */
    private final class Runs {

        private final BenchClient api;
        private final URL server;
        private final boolean eventSide;
        private final long history;
        private final Report report;

        Runs(BenchClient api, URL server, boolean eventSide, long history, Report report) {
            this.api = api;
            this.server = server;
            this.eventSide = eventSide;
            this.history = history;
            this.report = report;
        }

        void warmUp() throws Exception {
            for (String side : Report.SIDES) {
                log("  " + api.post("commands?side=" + side + "&callers=16&warmupMs=3000&measureMs=5000"));
                log("  " + api.post("queries?side=" + side + "&callers=16&warmupMs=1000&measureMs=3000"));
                log("  " + api.post("latency?side=" + side + "&rate=50&warmupMs=0&measureMs=2000"));
                log("  " + api.post("projection?side=" + side + "&rate=50&measureMs=2000&waitMs=15000"));
            }
            if (WARMUP_REPLAY) {
                log("  " + api.post("replay/baseline?readModel=true"));
                log("  " + api.post("replay/baseline?readModel=false"));
                log("  " + api.post("replay/axon?readModel=true"));
                log("  " + api.post("replay/axon?readModel=false"));
                if (eventSide) {
                    log("  " + recqReplay("replay"));
                    log("  " + recqReplay("replay-count"));
                }
            }
        }

        /**
         * @param run 1, 2, ...: the sides' order rotates by one each run
         */
        void run(int run) throws Exception {
            List<String> sides = new java.util.ArrayList<>(Report.SIDES);
            java.util.Collections.rotate(sides, -((run - 1) % sides.size()));
            log("  order: " + sides);
            Map<String, Double> peakHeap = new LinkedHashMap<>();
            Map<String, Double> maxRate = new LinkedHashMap<>();
            for (int callers : CALLERS) {
                for (String side : sides) {
                    JsonObject m = phase("commands?side=" + side + "&callers=" + callers + "&warmupMs=" + WARMUP_MS
                            + "&measureMs=" + MEASURE_MS, peakHeap);
                    report.add("commands." + callers, side, m.getJsonNumber("rate").doubleValue());
                    if (callers == 16) {
                        maxRate.put(side, m.getJsonNumber("rate").doubleValue());
                        report.add("commands.16.p50", side, m.getJsonNumber("p50Ms").doubleValue());
                        report.add("commands.16.p99", side, m.getJsonNumber("p99Ms").doubleValue());
                        report.add("cpu.command", side, m.getJsonNumber("cpuUsPerOp").doubleValue());
                        report.add("cpu.command.settled", side,
                                m.getJsonNumber("settledCpuUsPerOp").doubleValue());
                        report.add("settle", side, m.getJsonNumber("settleMs").doubleValue());
                        if (!m.getBoolean("settled")) {
                            log("  !! the " + side + " projector did not catch up within 120 s of the window");
                        }
                        report.add("alloc.command", side, m.getJsonNumber("allocKbPerOp").doubleValue());
                        double live = api.get("heap").getJsonNumber("liveHeapMb").doubleValue();
                        log("  heap after a full collection: " + Report.format(live, 0) + " MiB");
                        report.add("heap.live", side, live);
                    }
                }
            }
            for (String side : sides) {
                double rate = Math.max(1, Math.round(maxRate.getOrDefault(side, 100.0) / 2));
                JsonObject m = phase("latency?side=" + side + "&rate=" + rate + "&warmupMs=" + WARMUP_MS / 2
                        + "&measureMs=" + MEASURE_MS, peakHeap);
                report.add("latency.rate", side, rate);
                report.add("latency.p50", side, m.getJsonNumber("p50Ms").doubleValue());
                report.add("latency.p99", side, m.getJsonNumber("p99Ms").doubleValue());
            }
            // the same load for all: half of the lowest of the maxima
            double common = Math.max(1, Math.round(Report.SIDES.stream()
                    .mapToDouble(side -> maxRate.getOrDefault(side, 100.0)).min().orElse(100.0) / 2));
            for (String side : sides) {
                JsonObject m = phase("latency?side=" + side + "&rate=" + common + "&warmupMs=" + WARMUP_MS / 2
                        + "&measureMs=" + MEASURE_MS, peakHeap);
                report.add("latency.same.rate", side, common);
                report.add("latency.same.p50", side, m.getJsonNumber("p50Ms").doubleValue());
                report.add("latency.same.p99", side, m.getJsonNumber("p99Ms").doubleValue());
            }
            for (String side : sides) {
                JsonObject m = phase("queries?side=" + side + "&callers=" + QUERY_CALLERS + "&warmupMs=" + WARMUP_MS
                        + "&measureMs=" + MEASURE_MS, peakHeap);
                report.add("queries.rate", side, m.getJsonNumber("rate").doubleValue());
                report.add("queries.p50", side, m.getJsonNumber("p50Ms").doubleValue());
                report.add("queries.p99", side, m.getJsonNumber("p99Ms").doubleValue());
            }
            for (String side : sides) {
                JsonObject m = api.post("projection?side=" + side + "&rate=" + PROJECTION_RATE + "&measureMs="
                        + MEASURE_MS + "&waitMs=30000");
                log("  " + m);
                if (m.getBoolean("available")) {
                    report.add("projection.p50", side, m.getJsonNumber("p50Ms").doubleValue());
                    report.add("projection.p99", side, m.getJsonNumber("p99Ms").doubleValue());
                    report.add("projection.end.p50", side, m.getJsonNumber("fromCommitEndP50Ms").doubleValue());
                    report.add("projection.end.p99", side, m.getJsonNumber("fromCommitEndP99Ms").doubleValue());
                } else {
                    String why = side.equals(Report.RECQ) && !eventSide ? NO_EVENT_SIDE : m.getString("reason");
                    report.unavailable("projection.p50", side, why);
                    report.unavailable("projection.p99", side, why);
                    report.unavailable("projection.end.p50", side, why);
                    report.unavailable("projection.end.p99", side, why);
                }
            }
            for (String deployment : List.of("replay", "replay-count")) {
                String figure = deployment.equals("replay") ? "replay.rate" : "replay.count.rate";
                for (String side : sides) {
                    if (side.equals(Report.BASELINE)) {
                        JsonObject m = phase("replay/baseline?readModel=" + deployment.equals("replay"), peakHeap);
                        report.add(figure, side, m.getJsonNumber("rate").doubleValue());
                    } else if (side.equals(Report.AXON)) {
                        JsonObject m = phase("replay/axon?readModel=" + deployment.equals("replay"), peakHeap);
                        if (m.containsKey("rate")) {
                            report.add(figure, side, m.getJsonNumber("rate").doubleValue());
                        } else {
                            report.unavailable(figure, side, m.getString("reason"));
                        }
                    } else if (eventSide) {
                        JsonObject m = recqReplay(deployment);
                        log("  " + m);
                        if (m.containsKey("rate")) {
                            report.add(figure, side, m.getJsonNumber("rate").doubleValue());
                        } else {
                            report.unavailable(figure, side, m.getString("reason"));
                        }
                    } else {
                        report.unavailable(figure, side, NO_EVENT_SIDE);
                    }
                }
            }
            peakHeap.forEach((side, peak) -> report.add("heap.peak", side, peak));
        }

        private JsonObject phase(String request, Map<String, Double> peakHeap) throws Exception {
            JsonObject m = api.post(request);
            log("  " + m);
            if (m.getJsonNumber("failed") != null && m.getJsonNumber("failed").longValue() > 0) {
                log("  !! failures in " + request + ": " + m.getString("failure", "?"));
            }
            if (m.containsKey("peakHeapMb")) {
                peakHeap.merge(m.getString("side"), m.getJsonNumber("peakHeapMb").doubleValue(), Math::max);
            }
            return m;
        }

        /**
         * Deploys the replay deployment (a projector new to the store), waits until it has committed the whole
         * history, and undeploys it, forgetting its position for the next time.
         */
        private JsonObject recqReplay(String deployment) throws Exception {
            api.post("replay/recq/reset");
            deployer.deploy(deployment);
            try {
                String root = deployment.equals("replay") ? "bench-replay" : "bench-replay-count";
                BenchClient status = new BenchClient(new URL(server, "/" + root + "/api/replay"));
                long deadline = System.nanoTime() + 20L * 60 * 1_000_000_000;
                JsonObject last = null;
                while (System.nanoTime() < deadline) {
                    last = status.get("");
                    if (last.getJsonNumber("committed").longValue() >= history) {
                        double seconds = last.getJsonNumber("elapsedNanos").longValue() / 1e9;
                        return jakarta.json.Json.createObjectBuilder(last).add("side", Report.RECQ)
                                .add("deployment", deployment)
                                .add("rate", last.getJsonNumber("committed").longValue() / seconds).build();
                    }
                    Thread.sleep(200);
                }
                return jakarta.json.Json.createObjectBuilder().add("side", Report.RECQ)
                        .add("reason", "replay incomplete after 20 min: " + last).build();
            } finally {
                deployer.undeploy(deployment);
                api.post("replay/recq/reset");
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void log(String line) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }
}
