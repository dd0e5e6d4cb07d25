package io.recq.bench.telemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;

import io.recq.bench.driver.LoadDriver;
import io.recq.bench.driver.RecqSide;

/**
 * The RECQ side of the benchmark alone, for {@code TelemetryBenchmark}: the same deployment is measured with
 * OpenTelemetry off and on, and nothing else runs beside it.
 */
@Path("telemetry")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class TelemetryResource {

    @Inject
    LoadDriver driver;

    @Inject
    RecqSide recq;

    /**
     * Opens the accounts, unless a previous deployment did.
     *
     * @param accounts how many
     * @return how long it took
     * @throws Exception when an account cannot be opened
     */
    @POST
    @Path("open")
    public JsonObject open(@QueryParam("accounts") @DefaultValue("1000") int accounts) throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<?>> opened = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            opened.add(recq.open(LoadDriver.account(i)));
            if (opened.size() == 50) {
                CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                opened.clear();
            }
        }
        CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return Json.createObjectBuilder().add("accounts", accounts)
                .add("seconds", (System.nanoTime() - start) / 1e9).build();
    }

    /**
     * Closed-loop deposits, as the main benchmark's command phase.
     *
     * @param callers concurrent callers
     * @param warmupMs not measured
     * @param measureMs measured
     * @return commands per second and latencies
     * @throws Exception when interrupted
     */
    @POST
    @Path("commands")
    public JsonObject commands(@QueryParam("callers") @DefaultValue("16") int callers,
            @QueryParam("warmupMs") @DefaultValue("2000") long warmupMs,
            @QueryParam("measureMs") @DefaultValue("8000") long measureMs) throws Exception {
        LoadDriver.Measurement m = driver.closedLoop(callers, Duration.ofMillis(warmupMs),
                Duration.ofMillis(measureMs), account -> recq.deposit(LoadDriver.account(account),
                        1 + ThreadLocalRandom.current().nextInt(100), 0));
        return Json.createObjectBuilder()
                .add("callers", callers)
                .add("rate", m.rate())
                .add("completed", m.completed())
                .add("failed", m.failed())
                .add("p50Ms", m.latencies().percentileMillis(50))
                .add("p99Ms", m.latencies().percentileMillis(99))
                .add("cpuUsPerOp", m.jvm().cpuNanos() / 1000.0 / Math.max(1, m.completed()))
                .build();
    }

    /** The resource's application. */
    @ApplicationPath("api")
    public static class TelemetryApplication extends Application {
    }
}
