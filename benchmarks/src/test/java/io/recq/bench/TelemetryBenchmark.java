package io.recq.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.JsonObject;

import com.sun.net.httpserver.HttpServer;

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

import io.recq.bench.account.Deposit;
import io.recq.bench.driver.LoadDriver;
import io.recq.bench.driver.RecqSide;
import io.recq.bench.driver.Samples;
import io.recq.bench.driver.Side;
import io.recq.bench.probe.CommitProbe;
import io.recq.bench.telemetry.TelemetryResource;

/**
 * What telemetry costs: the RECQ side's closed-loop command phase, measured in one deployment with
 * OpenTelemetry off ({@code otel.sdk.disabled=true}, the default), with it on (every request traced, spans and
 * metrics exported over OTLP to a receiver this client runs) and on with one request in ten traced, deployed in
 * turn, the order rotating each run. Prints commands/s of each and its ratio to off. Run it with
 * {@code benchmarks/run.sh h2 -telemetry}.
 *
 * <p>Settings (system properties): {@code bench.runs} (3), {@code bench.measure.ms} (8000),
 * {@code bench.warmup.ms} (2000), {@code bench.callers} ("1,4,16"), {@code bench.otlp.port} (14319).
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(BenchDatabaseSetup.class)
@RunAsClient
class TelemetryBenchmark {

    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final long MEASURE_MS = Long.getLong("bench.measure.ms", 8_000);
    private static final long WARMUP_MS = Long.getLong("bench.warmup.ms", 2_000);
    private static final int[] CALLERS = java.util.Arrays.stream(System.getProperty("bench.callers", "1,4,16")
            .split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    private static final int OTLP_PORT = Integer.getInteger("bench.otlp.port", 14319);
    /** Load on a fresh deployment before it is measured: its classes are new to the JIT. */
    private static final long DEPLOYMENT_WARMUP_MS = Long.getLong("bench.deployment.warmup.ms", 15_000);
    private static final String OFF = "telemetry-off";
    private static final String ON = "telemetry-on";
    private static final String SAMPLED = "telemetry-sampled";
    private static final List<String> MODES = List.of(OFF, ON, SAMPLED);

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = OFF, managed = false, testable = false)
    static WebArchive off() {
        return archive(OFF);
    }

    /** Every request traced: the SDK's default sampler. */
    @Deployment(name = ON, managed = false, testable = false)
    static WebArchive on() {
        return archive(ON).addAsResource(new StringAsset(telemetry(ON)), "META-INF/microprofile-config.properties");
    }

    /** One request in ten traced, as a busy production system would; metrics as always. */
    @Deployment(name = SAMPLED, managed = false, testable = false)
    static WebArchive sampled() {
        return archive(SAMPLED).addAsResource(new StringAsset(telemetry(SAMPLED)
                + "otel.traces.sampler=parentbased_traceidratio\notel.traces.sampler.arg=0.1\n"),
                "META-INF/microprofile-config.properties");
    }

    private static String telemetry(String service) {
        return String.join("\n",
                "otel.sdk.disabled=false",
                "otel.service.name=" + service,
                "otel.exporter.otlp.endpoint=http://127.0.0.1:" + OTLP_PORT,
                "otel.exporter.otlp.protocol=http/protobuf",
                "otel.logs.exporter=none",
                "");
    }

    private static WebArchive archive(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(Deposit.class.getPackage())
                .addPackage(CommitProbe.class.getPackage())
                .addClasses(LoadDriver.class, LoadDriver.Measurement.class, Samples.class, Side.class,
                        RecqSide.class)
                .addPackage(TelemetryResource.class.getPackage())
                .addAsLibraries(recqLibraries("recq-api", "recq-cdi", "recq-jms", "recq-jpa-store"))
                .addAsResource("META-INF/bench/telemetry-persistence.xml", "META-INF/persistence.xml")
                .addAsWebInfResource("META-INF/bench/beans.xml", "beans.xml");
    }

    private static JavaArchive[] recqLibraries(String... modules) {
        String root = System.getProperty("bench.modules.dir", "..");
        return java.util.Arrays.stream(modules).map(name -> ShrinkWrap.create(ExplodedImporter.class, name + ".jar")
                .importDirectory(new java.io.File(root, name + "/target/classes")).as(JavaArchive.class))
                .toArray(JavaArchive[]::new);
    }

    @Test
    void measuresCommandsWithTelemetryOffAndOn() throws Exception {
        AtomicLong exports = new AtomicLong();
        AtomicLong exportedBytes = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", OTLP_PORT), 50);
        receiver.setExecutor(Executors.newFixedThreadPool(2));
        receiver.createContext("/", exchange -> {
            try (exchange) {
                exportedBytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
                exports.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        URL server = new URL("http://127.0.0.1:" + (8080 + Integer.getInteger("recq.port.offset", 0)) + "/");
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        try {
            List<String> modes = List.of(System.getProperty("bench.telemetry.modes", String.join(",", MODES)).split(","));
            for (String mode : modes) {
                log("warm-up of " + mode + " (not recorded)");
                measure(server, mode, true, rates, cpu);
            }
            for (int run = 1; run <= RUNS; run++) {
                List<String> order = new ArrayList<>(modes);
                Collections.rotate(order, run - 1);
                log("run " + run + " of " + RUNS + ": " + order);
                for (String mode : order) {
                    measure(server, mode, false, rates, cpu);
                }
            }
        } finally {
            receiver.stop(0);
        }
        StringBuilder out = new StringBuilder();
        out.append("## Telemetry off and on — ").append(BenchDatabaseSetup.DATABASE).append("\n\n")
                .append("Closed-loop deposits on the RECQ side alone; median of ").append(RUNS).append(" runs of ")
                .append(MEASURE_MS / 1000.0).append(" s after ").append(WARMUP_MS / 1000.0).append(" s warm-up; ")
                .append("on: spans of every request, sampled: of one request in ten (parentbased_traceidratio 0.1), ")
                .append("both with all metrics, exported over OTLP/HTTP every 5 s (spans) and 60 s (metrics) to a ")
                .append("receiver of this client (").append(exports.get()).append(" exports, ")
                .append(exportedBytes.get() / 1024).append(" KiB).\n\n")
                .append("| telemetry | callers | commands/s | / off | server CPU µs/command |\n")
                .append("| --- | ---: | ---: | ---: | ---: |\n");
        for (int callers : CALLERS) {
            for (String mode : MODES) {
                List<Double> measured = rates.get(mode + "." + callers);
                if (measured == null) {
                    continue;
                }
                List<Double> off = rates.get(OFF + "." + callers);
                out.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %s | %,.0f |%n",
                        mode.substring("telemetry-".length()), callers, median(measured),
                        off == null ? "" : String.format(Locale.ROOT, "%.3f", median(measured) / median(off)),
                        median(cpu.get(mode + "." + callers))));
            }
        }
        System.out.println();
        System.out.println(out);
        Path dir = Path.of(System.getProperty("bench.results.dir", "target/bench-results"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("telemetry-" + BenchDatabaseSetup.DATABASE + ".md"), out.toString());
        log("written to " + dir.toAbsolutePath());
    }

    private void measure(URL server, String mode, boolean warmUp, Map<String, List<Double>> rates,
            Map<String, List<Double>> cpu) throws Exception {
        deployer.deploy(mode);
        try {
            BenchClient api = new BenchClient(new URL(server, "/" + mode + "/api/telemetry/"));
            JsonObject opened = api.post("open?accounts=" + LoadDriver.ACCOUNTS);
            if (warmUp) {
                log("  " + mode + " " + opened);
            }
            log("  " + mode + " warming up: " + api.post("commands?callers=16&warmupMs=0&measureMs="
                    + DEPLOYMENT_WARMUP_MS).getJsonNumber("rate") + " commands/s");
            for (int callers : CALLERS) {
                JsonObject m = api.post("commands?callers=" + callers + "&warmupMs=" + WARMUP_MS
                        + "&measureMs=" + (warmUp ? 3000 : MEASURE_MS));
                log("  " + mode + " " + m);
                if (!warmUp) {
                    rates.computeIfAbsent(mode + "." + callers, k -> new ArrayList<>())
                            .add(m.getJsonNumber("rate").doubleValue());
                    cpu.computeIfAbsent(mode + "." + callers, k -> new ArrayList<>())
                            .add(m.getJsonNumber("cpuUsPerOp").doubleValue());
                }
            }
        } finally {
            deployer.undeploy(mode);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void log(String line) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }
}
