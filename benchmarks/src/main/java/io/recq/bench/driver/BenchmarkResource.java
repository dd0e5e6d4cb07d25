package io.recq.bench.driver;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;

import io.recq.bench.account.AccountBalance;
import io.recq.bench.axon.AxonBalance;
import io.recq.bench.axon.AxonHistory;
import io.recq.bench.baseline.BaselineBalance;
import io.recq.bench.baseline.BaselineHistory;
import io.recq.bench.probe.CommitProbe;
import io.recq.bench.probe.JvmMeter;

/**
 * The benchmark's phases, one request each, answered with the figures as JSON. The client calls them in
 * turn, rotating the three sides (RECQ, the hand-written baseline, Axon).
 */
@Path("bench")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class BenchmarkResource {

    @Inject
    RecqSide recq;

    @Inject
    BaselineSide baseline;

    @Inject
    AxonSide axon;

    @Inject
    LoadDriver driver;

    @Inject
    CommitProbe probe;

    @Inject
    RecqHistory recqHistory;

    @Inject
    BaselineHistory baselineHistory;

    @Inject
    AxonHistory axonHistory;

    @PersistenceContext(unitName = AccountBalance.UNIT)
    EntityManager entityManager;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Resource
    UserTransaction transaction;

    /**
     * @return the database, whether the event side is deployed, the stored history
     * @throws Exception when the database cannot be reached
     */
    @GET
    @Path("info")
    public JsonObject info() throws Exception {
        String database;
        try (Connection connection = dataSource.getConnection()) {
            database = connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
        }
        Runtime jvm = Runtime.getRuntime();
        return Json.createObjectBuilder()
                .add("database", database)
                .add("eventSide", eventSideDeployed())
                .add("recqHistory", recqHistory.count())
                .add("baselineHistory", baselineHistory.count())
                .add("axonHistory", axonHistory.count())
                .add("processors", jvm.availableProcessors())
                .add("maxHeapMb", jvm.maxMemory() / (1024 * 1024))
                .add("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                .build();
    }

    /**
     * Opens the accounts on every side and makes sure each read model has their rows.
     *
     * @param accounts how many
     * @return how long it took
     * @throws Exception when a side fails
     */
    @POST
    @Path("setup")
    public JsonObject setup(@QueryParam("accounts") @DefaultValue("1000") int accounts) throws Exception {
        long start = System.nanoTime();
        for (Side side : List.of(recq, baseline, axon)) {
            List<CompletableFuture<?>> opened = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                opened.add(side.open(LoadDriver.account(i)));
                if (opened.size() == 50) {
                    CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                    opened.clear();
                }
            }
            CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        // the projectors create the rows; without the event side the RECQ rows are written here
        boolean projected = waitForRows(accounts, Duration.ofSeconds(20));
        if (!projected) {
            insertMissingRows(accounts);
        }
        return Json.createObjectBuilder()
                .add("accounts", accounts)
                .add("projected", projected)
                .add("seconds", (System.nanoTime() - start) / 1e9)
                .build();
    }

    /**
     * Stores the history the replays read, unless it is there.
     *
     * @param events how many events per side
     * @return how long it took
     * @throws Exception when a store fails
     */
    @POST
    @Path("seed")
    public JsonObject seed(@QueryParam("events") @DefaultValue("100000") int events) throws Exception {
        long start = System.nanoTime();
        if (recqHistory.count() < events) {
            recqHistory.seed(events, LoadDriver.ACCOUNTS, 1_000);
        }
        if (baselineHistory.count() < events) {
            baselineHistory.seed(events, LoadDriver.ACCOUNTS, 1_000);
        }
        if (axonHistory.count() < events) {
            axonHistory.seed(events, LoadDriver.ACCOUNTS, 1_000);
        }
        return Json.createObjectBuilder()
                .add("recqHistory", recqHistory.count())
                .add("baselineHistory", baselineHistory.count())
                .add("axonHistory", axonHistory.count())
                .add("seconds", (System.nanoTime() - start) / 1e9)
                .build();
    }

    /**
     * Closed-loop deposits.
     *
     * @param sideName recq, baseline or axon
     * @param callers concurrent callers
     * @param warmupMs not measured
     * @param measureMs measured
     * @return the figures
     * @throws Exception when interrupted
     */
    @POST
    @Path("commands")
    public JsonObject commands(@QueryParam("side") String sideName, @QueryParam("callers") int callers,
            @QueryParam("warmupMs") @DefaultValue("2000") long warmupMs,
            @QueryParam("measureMs") @DefaultValue("8000") long measureMs) throws Exception {
        Side side = side(sideName);
        LoadDriver.Measurement m = driver.closedLoop(callers, Duration.ofMillis(warmupMs),
                Duration.ofMillis(measureMs), account -> side.deposit(LoadDriver.account(account), amount(), 0));
        JsonObjectBuilder figures = figures(side, m).add("callers", callers);
        settle(side, m, figures);
        return figures.build();
    }

    /**
     * Waits until the side's projector has projected the commands of the measured window, so that a projector
     * that lags does not leave its work to the next phase (another side's), and adds the CPU it took to the
     * window's: {@code settledCpuUsPerOp} is the CPU of a command with the projection of its event. A marked
     * deposit sent after the window is projected after every event stored before it (each side's projector
     * follows the order of its store).
     */
    private void settle(Side side, LoadDriver.Measurement m, JsonObjectBuilder figures) throws Exception {
        JvmMeter meter = JvmMeter.start(driver.threads());
        long started = System.nanoTime();
        long marker = driver.nextTicket();
        side.deposit(LoadDriver.account(0), 1, marker).get(30, TimeUnit.SECONDS);
        boolean projected = awaitProjected(List.of(marker), 120_000);
        JvmMeter.Reading settling = meter.read();
        probe.clear();
        double ops = Math.max(1, m.completed());
        figures.add("settled", projected)
                .add("settleMs", (System.nanoTime() - started) / 1e6)
                .add("settledCpuUsPerOp", (m.jvm().cpuNanos() + settling.cpuNanos()) / 1000.0 / ops);
    }

    /**
     * Open-loop deposits at a fixed rate.
     *
     * @param sideName recq, baseline or axon
     * @param rate commands per second
     * @param warmupMs not measured
     * @param measureMs measured
     * @return the figures
     * @throws Exception when interrupted
     */
    @POST
    @Path("latency")
    public JsonObject latency(@QueryParam("side") String sideName, @QueryParam("rate") double rate,
            @QueryParam("warmupMs") @DefaultValue("1000") long warmupMs,
            @QueryParam("measureMs") @DefaultValue("8000") long measureMs) throws Exception {
        Side side = side(sideName);
        LoadDriver.Measurement m = driver.openLoop(rate, Duration.ofMillis(warmupMs), Duration.ofMillis(measureMs),
                account -> side.deposit(LoadDriver.account(account), amount(), 0));
        return figures(side, m).add("offeredRate", rate).build();
    }

    /**
     * Closed-loop balance queries.
     *
     * @param sideName recq, baseline or axon
     * @param callers concurrent callers
     * @param warmupMs not measured
     * @param measureMs measured
     * @return the figures
     * @throws Exception when interrupted
     */
    @POST
    @Path("queries")
    public JsonObject queries(@QueryParam("side") String sideName, @QueryParam("callers") int callers,
            @QueryParam("warmupMs") @DefaultValue("2000") long warmupMs,
            @QueryParam("measureMs") @DefaultValue("6000") long measureMs) throws Exception {
        Side side = side(sideName);
        LoadDriver.Measurement m = driver.closedLoop(callers, Duration.ofMillis(warmupMs),
                Duration.ofMillis(measureMs), account -> side.findBalance(LoadDriver.account(account)));
        return figures(side, m).add("callers", callers).build();
    }

    /**
     * Event-to-projection latency when the projector is caught up: deposits at a fixed rate, each followed
     * from its command's commit to its projection's commit: from the start of the command's commit (the upper
     * bound, {@code p50Ms}, {@code p99Ms}) and from its end (the lower bound, {@code fromCommitEnd...}; an event
     * projected before the command's commit returned counts 0).
     *
     * @param sideName recq, baseline or axon
     * @param rate commands per second
     * @param measureMs how long commands are sent
     * @param waitMs how long to wait for the projector, before and after
     * @return the figures, or {@code available: false} when the projector does not project
     * @throws Exception when interrupted
     */
    @POST
    @Path("projection")
    public JsonObject projection(@QueryParam("side") String sideName,
            @QueryParam("rate") @DefaultValue("100") double rate,
            @QueryParam("measureMs") @DefaultValue("8000") long measureMs,
            @QueryParam("waitMs") @DefaultValue("30000") long waitMs) throws Exception {
        Side side = side(sideName);
        JsonObjectBuilder result = Json.createObjectBuilder().add("side", side.name());
        // caught up: a first followed event is projected, so everything before it is
        long first = driver.nextTicket();
        side.deposit(LoadDriver.account(0), 1, first).get(30, TimeUnit.SECONDS);
        if (!awaitProjected(List.of(first), waitMs)) {
            return result.add("available", false)
                    .add("reason", "no projection of a new event within " + waitMs + " ms").build();
        }
        List<Long> tickets = java.util.Collections.synchronizedList(new ArrayList<>());
        LoadDriver.Measurement m = driver.openLoop(rate, Duration.ZERO, Duration.ofMillis(measureMs), account -> {
            long ticket = driver.nextTicket();
            tickets.add(ticket);
            return side.deposit(LoadDriver.account(account), amount(), ticket);
        });
        List<Long> followed;
        synchronized (tickets) {
            followed = new ArrayList<>(tickets);
        }
        awaitProjected(followed, waitMs);
        Samples latencies = new Samples();
        Samples afterCommit = new Samples();
        int missing = 0;
        int beforeCommitEnded = 0;
        for (long ticket : followed) {
            Long committing = probe.commandCommit(ticket);
            Long committed = probe.commandCommitEnd(ticket);
            Long projected = probe.projectionCommit(ticket);
            if (committing == null || committed == null || projected == null) {
                missing++;
            } else {
                latencies.add(projected - committing);
                if (projected < committed) {
                    beforeCommitEnded++;
                }
                afterCommit.add(Math.max(0, projected - committed));
            }
        }
        probe.clear();
        return result.add("available", true)
                .add("events", latencies.size())
                .add("missing", missing)
                .add("offeredRate", rate)
                .add("commandRate", m.rate())
                .add("p50Ms", latencies.percentileMillis(50))
                .add("p99Ms", latencies.percentileMillis(99))
                .add("maxMs", latencies.percentileMillis(100))
                .add("fromCommitEndP50Ms", afterCommit.percentileMillis(50))
                .add("fromCommitEndP99Ms", afterCommit.percentileMillis(99))
                .add("projectedBeforeCommitEnded", beforeCommitEnded)
                .build();
    }

    /**
     * The baseline's hand-written replay of the stored history, from the first event.
     *
     * @param pageSize events per transaction
     * @param readModel whether events update a read model ({@code true}) or are only counted
     * @return events and events per second
     * @throws Exception when the store fails
     */
    @POST
    @Path("replay/baseline")
    public JsonObject replayBaseline(@QueryParam("pageSize") @DefaultValue("2000") int pageSize,
            @QueryParam("readModel") @DefaultValue("true") boolean readModel) throws Exception {
        baselineHistory.reset();
        JvmMeter meter = JvmMeter.start(driver.threads());
        long start = System.nanoTime();
        long events = baselineHistory.replay(pageSize, readModel);
        long elapsed = System.nanoTime() - start;
        JvmMeter.Reading jvm = meter.read();
        return Json.createObjectBuilder()
                .add("side", "baseline")
                .add("events", events)
                .add("seconds", elapsed / 1e9)
                .add("rate", events / (elapsed / 1e9))
                .add("peakHeapMb", jvm.peakHeapBytes() / (1024.0 * 1024))
                .add("cpuUsPerOp", events == 0 ? 0 : jvm.cpuNanos() / 1000.0 / events)
                .build();
    }

    /**
     * Axon's replay of the stored history: a tracking processor new to the store, in an Axon configuration of
     * its own, from the first event until it has committed the whole history; then it is shut down and its
     * token and read model are deleted. Timed from its first handled event to the commit of its last.
     *
     * @param readModel whether events update a read model ({@code true}) or are only counted
     * @return events and events per second, or a reason
     * @throws Exception when the store fails
     */
    @POST
    @Path("replay/axon")
    public JsonObject replayAxon(@QueryParam("readModel") @DefaultValue("true") boolean readModel)
            throws Exception {
        long history = axonHistory.count();
        JvmMeter meter = JvmMeter.start(driver.threads());
        AxonHistory.ReplayResult replay = axonHistory.replay(readModel, history, 20L * 60 * 1000);
        JvmMeter.Reading jvm = meter.read();
        JsonObjectBuilder result = Json.createObjectBuilder().add("side", "axon");
        if (replay == null) {
            return result.add("reason", "replay incomplete after 20 min").build();
        }
        double seconds = replay.elapsedNanos() / 1e9;
        return result
                .add("events", replay.committed())
                .add("transactions", replay.transactions())
                .add("seconds", seconds)
                .add("rate", replay.committed() / seconds)
                .add("peakHeapMb", jvm.peakHeapBytes() / (1024.0 * 1024))
                .add("cpuUsPerOp", replay.committed() == 0 ? 0 : jvm.cpuNanos() / 1000.0 / replay.committed())
                .build();
    }

    /**
     * Collects the garbage and reads the heap that stays in use.
     *
     * @return the used heap after a full collection, MiB
     */
    @GET
    @Path("heap")
    public JsonObject liveHeap() {
        System.gc();
        long used = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return Json.createObjectBuilder().add("liveHeapMb", used / (1024.0 * 1024)).build();
    }

    /**
     * Forgets the RECQ replay projector's position and read model; call while the replay deployment is
     * undeployed.
     *
     * @return done
     * @throws Exception when the store fails
     */
    @POST
    @Path("replay/recq/reset")
    public JsonObject resetRecqReplay() throws Exception {
        recqHistory.resetReplay();
        return Json.createObjectBuilder().add("reset", true).build();
    }

    private Side side(String name) {
        if ("recq".equals(name)) {
            return recq;
        }
        if ("baseline".equals(name)) {
            return baseline;
        }
        if ("axon".equals(name)) {
            return axon;
        }
        throw new IllegalArgumentException("side must be recq, baseline or axon, got " + name);
    }

    private static long amount() {
        return 1 + ThreadLocalRandom.current().nextInt(100);
    }

    private static JsonObjectBuilder figures(Side side, LoadDriver.Measurement m) {
        double ops = Math.max(1, m.completed());
        JsonObjectBuilder figures = Json.createObjectBuilder()
                .add("side", side.name())
                .add("completed", m.completed())
                .add("failed", m.failed())
                .add("seconds", m.window().toMillis() / 1000.0)
                .add("rate", m.rate())
                .add("p50Ms", number(m.latencies().percentileMillis(50)))
                .add("p99Ms", number(m.latencies().percentileMillis(99)))
                .add("peakHeapMb", m.jvm().peakHeapBytes() / (1024.0 * 1024))
                .add("cpuUsPerOp", m.jvm().cpuNanos() / 1000.0 / ops)
                .add("allocKbPerOp", m.jvm().allocatedBytes() / 1024.0 / ops)
                .add("gcMs", m.jvm().gcMillis());
        if (m.failure() != null) {
            figures.add("failure", m.failure());
        }
        return figures;
    }

    private static double number(double value) {
        return Double.isNaN(value) ? -1 : value;
    }

    private boolean awaitProjected(List<Long> tickets, long waitMs) throws InterruptedException {
        long deadline = System.nanoTime() + waitMs * 1_000_000;
        for (long ticket : tickets) {
            while (probe.projectionCommit(ticket) == null) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(5);
            }
        }
        return true;
    }

    private boolean waitForRows(int accounts, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (rows(AccountBalance.class) >= accounts && rows(BaselineBalance.class) >= accounts
                    && rows(AxonBalance.class) >= accounts) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private long rows(Class<?> entity) {
        return entityManager.createQuery("SELECT COUNT(r) FROM " + entityManager.getMetamodel().entity(entity)
                .getName() + " r", Long.class).getSingleResult();
    }

    private void insertMissingRows(int accounts) throws Exception {
        transaction.begin();
        try {
            for (int i = 0; i < accounts; i++) {
                String id = LoadDriver.account(i);
                if (entityManager.find(AccountBalance.class, id) == null) {
                    entityManager.persist(new AccountBalance(id));
                }
                if (entityManager.find(BaselineBalance.class, id) == null) {
                    entityManager.persist(new BaselineBalance(id));
                }
                if (entityManager.find(AxonBalance.class, id) == null) {
                    entityManager.persist(new AxonBalance(id));
                }
            }
            transaction.commit();
        } finally {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        }
    }

    private static boolean eventSideDeployed() {
        try {
            Class.forName("io.recq.cdi.spi.ConsumerStore", false, BenchmarkResource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * The REST application of the benchmark deployment.
     */
    @ApplicationPath("api")
    public static class BenchmarkApplication extends Application {
    }
}
