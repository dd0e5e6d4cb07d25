package io.recq.crash.harness;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

import io.recq.crash.harness.CrashApi.Outcome;
import io.recq.crash.harness.Load.Sent;

import static io.recq.crash.harness.Verdict.counts;
import static io.recq.crash.harness.Verdict.difference;
import static io.recq.crash.harness.Verdict.minMedianMax;
import static io.recq.crash.harness.Verdict.seconds;
import static org.awaitility.Awaitility.await;

/**
 * The crash test: on a fresh PostgreSQL schema, behind a TCP proxy, with its own WildFly process, it runs
 * <ol>
 * <li><b>kills</b>: clients send deposits (keyed and unkeyed) while the server's JVM is killed with SIGKILL at
 * random moments and restarted; recovery is timed from each kill to the first acknowledged command;</li>
 * <li><b>broker kills</b>, with the standalone broker ({@code crash.broker=standalone}): the broker's JVM is killed
 * with SIGKILL under load and started again on its journal a few seconds later; recovery is timed the same way;</li>
 * <li><b>database outage</b>: the proxy cuts the database off for a while under load, then lets it back;
 * commands must succeed again within 10 s and nothing may be dead-lettered;</li>
 * <li><b>poison</b>: a command that fails permanently is dead-lettered while healthy commands go on (their
 * throughput is printed as a ratio, never asserted), then retried after the fix;</li>
 * <li>the <b>checks</b> of everything sent so far, from the database: every acknowledged deposit applied exactly
 * once, every unknown one at most once, every aggregate's versions contiguous, the read model equal to a replay
 * of the store, every command the saga committed run exactly once;</li>
 * <li><b>late saga command</b>: the saga commits its command while the command consumers are away
 * ({@code recq.command.consumers=0}) for two minutes; when they return, the command must run once.</li>
 * </ol>
 * Every problem is collected; {@link #run()} returns them with the figures. {@link #main(String[])} runs it from
 * the system properties of {@link CrashSettings}.
 */
public final class CrashTest {

    /**
     * What a run found.
     *
     * @param figures the figures, one line each
     * @param failures the checks that failed, one line each
     * @param todos the steps that could not run, and why
     * @param diagnoses what the server and the store said when the event consumers made no progress
     */
    public record Report(List<String> figures, List<String> failures, List<String> todos, List<String> diagnoses) {

        /** @return the report as printed */
        public String text() {
            StringBuilder text = new StringBuilder("\n=== RECQ crash test ===\n");
            figures.forEach(f -> text.append("  ").append(f).append('\n'));
            todos.forEach(t -> text.append("  NOT RUN: ").append(t).append('\n'));
            if (failures.isEmpty()) {
                text.append("=== all checks passed ===\n");
            } else {
                text.append("=== ").append(failures.size()).append(" check(s) FAILED ===\n");
                failures.forEach(f -> text.append("  FAILED: ").append(f).append('\n'));
            }
            diagnoses.forEach(d -> text.append("--- ").append(d).append('\n'));
            return text.toString();
        }
    }

    private static final long SAGA_THRESHOLD = Verdict.SAGA_THRESHOLD;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static final String MESSAGE_ID = "recq_message_id";
    private static final String REASON = "recq_dead_reason";

    private final CrashSettings settings;
    private final Random random;
    private final List<String> figures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> diagnoses = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> todos = new ArrayList<>();
    private final Store store;
    private final TcpProxy proxy;
    private final CrashServer server;
    private final StandaloneBroker broker;
    private CrashApi api;
    private Load load;

    /**
     * @param settings what to run
     */
    public CrashTest(CrashSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.store = new Store(settings.jdbcUrl(), settings.jdbcUser(),
                "recq_crash_" + ProcessHandle.current().pid() + (settings.standaloneBroker() ? "_sb" : ""));
        this.proxy = new TcpProxy(settings.proxyPort(), "127.0.0.1", 5432);
        this.server = new CrashServer(settings);
        this.broker = settings.standaloneBroker() ? new StandaloneBroker(settings) : null;
    }

    /**
     * Runs the full or the short crash test from the {@code crash.*} system properties and prints the report;
     * exits with 1 when a check failed.
     *
     * @param args none
     */
    public static void main(String[] args) throws Exception {
        Report report = new CrashTest(CrashSettings.fromSystemProperties()).run();
        System.out.println(report.text());
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }

    /**
     * @return what the run found
     * @throws Exception when the run could not be carried out (not a failed check)
     */
    public Report run() throws Exception {
        figure("mode %s, seed %d, schema %s, server ports +%d (HTTP %d, management %d), proxy 127.0.0.1:%d",
                settings.mode(), settings.seed(), store.schema(), settings.portOffset(), settings.httpPort(),
                settings.managementPort(), settings.proxyPort());
        store.create();
        try {
            if (broker != null) {
                broker.create();
                figure("standalone broker: Artemis at 127.0.0.1:%d, instance %s; first start: %s", broker.port(),
                        broker.instance(), seconds(broker.start(START_TIMEOUT)));
            }
            proxy.restore();
            server.prepare("jdbc:postgresql://127.0.0.1:" + settings.proxyPort() + "/test?currentSchema="
                    + store.schema());
            figure("first start: %s", seconds(server.start(Map.of(), START_TIMEOUT)));
            api = new CrashApi(server.baseUri());
            List<String> accounts = new ArrayList<>();
            for (int i = 1; i <= settings.accounts(); i++) {
                accounts.add(String.format(Locale.ROOT, "acc-%03d", i));
            }
            for (String account : concat(accounts, List.of("acc-poison", "acc-late"))) {
                open(account);
            }
            load = new Load(api, accounts, settings.seed());

            kills();
            brokerKills();
            outage();
            List<String> poisonIds = poison();
            checks(poisonIds);
            if (settings.lateSaga()) {
                lateSagaCommand();
            } else {
                todos.add("late saga command (crash.late-saga=false; the short run with the standalone broker "
                        + "leaves it to the embedded one)");
            }
        } finally {
            if (load != null) {
                load.stop(Duration.ofMinutes(1));
            }
            server.stop();
            if (broker != null) {
                broker.stop();
            }
            proxy.close();
            if (settings.keepSchema()) {
                figure("schema %s kept", store.schema());
            } else {
                store.drop();
            }
        }
        return new Report(List.copyOf(figures), List.copyOf(failures), List.copyOf(todos), List.copyOf(diagnoses));
    }

    private void open(String account) {
        await("account " + account + " opened").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.open(account).outcome() == Outcome.ACKED);
    }

    // ---------------------------------------------------------------------------------------------- kills

    private void kills() throws Exception {
        int kills = settings.kills();
        AtomicBoolean killing = new AtomicBoolean(true);
        Instant begin = Instant.now();
        load.start(settings.clients(), settings.keyed(), settings.unkeyed(), killing::get);
        List<Duration> recoveries = new ArrayList<>();
        List<Duration> starts = new ArrayList<>();
        int planned = settings.keyed() + settings.unkeyed();
        for (int k = 1; k <= kills; k++) {
            // a random moment, spread so that the kills fall inside the planned load
            double rate = Math.max(1, load.acked() / Math.max(1.0, Duration.between(begin, Instant.now()).toSeconds()));
            double left = Math.max(0, planned - load.sent().size()) / rate / (kills - k + 1);
            long maxMillis = (long) Math.min(20_000, Math.max(2_000, left * 1_000 * 1.5));
            Thread.sleep(500 + (long) (random.nextDouble() * maxMillis));
            Instant killedAt = server.kill();
            starts.add(server.start(Map.of(), START_TIMEOUT));
            try {
                await("an acknowledged command after kill " + k).atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> load.firstAckStartedAfter(killedAt).isPresent());
                Duration recovery = Duration.between(killedAt, load.firstAckStartedAfter(killedAt).orElseThrow());
                recoveries.add(recovery);
                System.out.printf(Locale.ROOT, "kill %d of %d: recovered in %s (server start %s)%n", k, kills,
                        seconds(recovery), seconds(starts.get(starts.size() - 1)));
            } catch (ConditionTimeoutException e) {
                failures.add("kill " + k + ": no command was acknowledged within 2 minutes of the restart");
            }
        }
        killing.set(false);
        load.await(Duration.ofMinutes(10));
        List<Sent> sent = load.sent();
        figure("kills: %d, load over %s: %s", kills, seconds(Duration.between(begin, Instant.now())), counts(sent));
        figure("recovery per kill (kill to first acknowledged command): %s; server start min/median/max %s",
                minMedianMax(recoveries), minMedianMax(starts));
    }

    // -------------------------------------------------------------------------------------- broker kills

    /**
     * With the standalone broker: under load, the broker's JVM is killed with SIGKILL, left down for
     * {@code crash.broker-down.s} and started again on its journal; recovery is timed from the kill to the first
     * acknowledged command sent after it. The server keeps running throughout.
     */
    private void brokerKills() throws Exception {
        if (broker == null || settings.brokerKills() == 0) {
            return;
        }
        int kills = settings.brokerKills();
        int before = load.sent().size();
        AtomicBoolean killing = new AtomicBoolean(true);
        Instant begin = Instant.now();
        load.start(settings.clients(), 0, 0, killing::get);
        List<Duration> recoveries = new ArrayList<>();
        List<Duration> starts = new ArrayList<>();
        for (int k = 1; k <= kills; k++) {
            long acked = load.acked();
            await("load before broker kill " + k).atMost(Duration.ofMinutes(2)).until(() -> load.acked() > acked + 100);
            Thread.sleep(500 + (long) (random.nextDouble() * 2_500));
            Instant killedAt = broker.kill();
            Thread.sleep(settings.brokerDown().toMillis());
            starts.add(broker.start(START_TIMEOUT));
            try {
                await("an acknowledged command after broker kill " + k).atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> load.firstAckStartedAfter(killedAt).isPresent());
                Duration recovery = Duration.between(killedAt, load.firstAckStartedAfter(killedAt).orElseThrow());
                recoveries.add(recovery);
                System.out.printf(Locale.ROOT, "broker kill %d of %d: recovered in %s (down %s, broker start %s)%n", k,
                        kills, seconds(recovery), seconds(settings.brokerDown()), seconds(starts.get(starts.size() - 1)));
            } catch (ConditionTimeoutException e) {
                failures.add("broker kill " + k + ": no command was acknowledged within 2 minutes of the broker's "
                        + "restart");
            }
        }
        // the load goes on a little after the last restart, then stops
        long acked = load.acked();
        awaitQuietly("load after the last broker kill", Duration.ofMinutes(1), () -> load.acked() > acked + 100);
        killing.set(false);
        load.stop(Duration.ofMinutes(2));
        List<Sent> sent = load.sent().subList(before, load.sent().size());
        figure("broker kills: %d (SIGKILL to the standalone broker's JVM under load, down %s each), load over %s: %s",
                kills, seconds(settings.brokerDown()), seconds(Duration.between(begin, Instant.now())), counts(sent));
        figure("recovery per broker kill (kill to first acknowledged command): %s; broker start min/median/max %s",
                minMedianMax(recoveries), minMedianMax(starts));
    }

    // --------------------------------------------------------------------------------------------- outage

    private void outage() throws Exception {
        int before = load.sent().size();
        long acked = load.acked();
        load.start(settings.clients(), 0, 0, () -> true);
        await("load before the outage").atMost(Duration.ofMinutes(1)).until(() -> load.acked() > acked + 200);
        Instant cutAt = Instant.now();
        proxy.cut();
        Thread.sleep(settings.outage().toMillis()); // the outage itself
        proxy.restore();
        Instant back = Instant.now();
        Optional<Instant> first = Optional.empty();
        try {
            await("an acknowledged command after the database's return").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(50)).until(() -> load.firstAckStartedAfter(back).isPresent());
            first = load.firstAckStartedAfter(back);
            long afterBack = load.acked();
            await("load after the outage").atMost(Duration.ofMinutes(1)).until(() -> load.acked() > afterBack + 200);
        } catch (ConditionTimeoutException e) {
            failures.add("outage: no command was acknowledged within 2 minutes of the database's return");
        }
        load.stop(Duration.ofMinutes(2));
        List<Sent> sent = load.sent().subList(before, load.sent().size());
        Duration recovery = first.map(f -> Duration.between(back, f)).orElse(null);
        figure("database outage: cut %s at %s; first acknowledged command %s after its return; %s",
                seconds(settings.outage()), cutAt, recovery == null ? "never" : seconds(recovery), counts(sent));
        if (recovery != null && recovery.compareTo(Duration.ofSeconds(10)) > 0) {
            failures.add("outage: commands succeeded again only " + seconds(recovery) + " after the database "
                    + "returned (limit 10 s)");
        }
        List<Map<String, String>> dead = api.list("api/dead-letters");
        long deadCommands = dead.size();
        long deadEvents = store.deadEvents();
        figure("after the outage: %d dead-lettered commands, %d dead events", deadCommands, deadEvents);
        if (deadCommands > 0 || deadEvents > 0) {
            failures.add("outage: the database outage dead-lettered " + deadCommands + " command(s) and "
                    + deadEvents + " event(s); a transient failure must be retried, never dead-lettered: "
                    + dead.stream().map(d -> d.get("recq_payload") + " " + d.get(MESSAGE_ID) + ": " + d.get(REASON))
                            .toList());
        }
    }

    // --------------------------------------------------------------------------------------------- poison

    /**
     * Three windows of equal length under the same load: healthy, then with one poison command always in
     * flight (each sent when the previous one's caller got its answer), then healthy again. The ratio compares
     * the middle window with the mean of the other two, so that a machine whose speed drifts meanwhile (other
     * processes, the JIT) does not pass for the poison's cost. Then every poison command must be on the
     * dead-letter queue, have left nothing behind, and, retried after the fix, be applied once.
     *
     * @return the poison commands' deposit ids
     */
    private List<String> poison() throws Exception {
        // the event consumers catch up first (after the outage they may be behind): their catching up would
        // otherwise take its share of the machine in one window and pass for the poison's cost
        try {
            await("the event consumers caught up before the poison").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> store.sagaPosition() >= store.head() && store.readModel().equals(store.replay()));
        } catch (ConditionTimeoutException e) {
            figure("poison: the event consumers had not caught up within 3 minutes; measured anyway");
            diagnose("the event consumers had not caught up within 3 minutes");
        }
        long acked = load.acked();
        load.start(settings.clients(), 0, 0, () -> true);
        await("load before the poison").atMost(Duration.ofMinutes(1)).until(() -> load.acked() > acked + 100);
        // one poison command before the windows: the failure path's code (exceptions, rollbacks, the move to the
        // dead-letter queue) is compiled then, and its first use does not pass for the poison's cost
        List<String> poisonIds = new CopyOnWriteArrayList<>();
        Map<String, CrashApi.Answer> answers = new ConcurrentHashMap<>();
        String warmUp = "poison-" + UUID.randomUUID();
        poisonIds.add(warmUp);
        answers.put(warmUp, api.riskyDeposit("acc-poison", 100, warmUp, "key-" + warmUp));
        Thread.sleep(2_000);
        long window = settings.poisonWindow().toMillis();
        Instant t0 = Instant.now();
        Thread.sleep(window);
        Instant t1 = Instant.now();
        AtomicBoolean poisoning = new AtomicBoolean(true);
        Thread caller = new Thread(() -> {
            while (poisoning.get()) {
                String poisonId = "poison-" + UUID.randomUUID();
                poisonIds.add(poisonId);
                answers.put(poisonId, api.riskyDeposit("acc-poison", 100, poisonId, "key-" + poisonId));
            }
        }, "crash-poison");
        caller.start();
        Thread.sleep(window);
        poisoning.set(false);
        Instant t2 = Instant.now();
        Thread.sleep(window);
        Instant t3 = Instant.now();
        load.stop(Duration.ofMinutes(2));
        caller.join(120_000);
        double before = load.ackedBetween(t0, t1) / secondsBetween(t0, t1);
        double during = load.ackedBetween(t1, t2) / secondsBetween(t1, t2);
        double after = load.ackedBetween(t2, t3) / secondsBetween(t2, t3);
        double healthy = (before + after) / 2;
        Map<String, Map<String, String>> entries = new LinkedHashMap<>();
        try {
            await("the poison commands dead-lettered").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        entries.clear();
                        for (String poisonId : poisonIds) {
                            deadLetterOf(poisonId).ifPresent(entry -> entries.put(poisonId, entry));
                        }
                        return entries.size() == poisonIds.size();
                    });
        } catch (ConditionTimeoutException e) {
            List<String> missing = poisonIds.stream().filter(id -> !entries.containsKey(id)).toList();
            failures.add("poison: " + missing.size() + " of " + poisonIds.size() + " permanently failing commands "
                    + "were not dead-lettered within 3 minutes: " + missing.stream().map(id -> id + " (its caller got "
                    + answers.get(id) + ")").toList() + "; on the dead-letter queue: " + api.list("api/dead-letters")
                    .stream().map(m -> m.get(MESSAGE_ID) + " " + m.get("body")).toList());
        }
        Map<Integer, Long> statuses = answers.values().stream()
                .collect(Collectors.groupingBy(CrashApi.Answer::status, TreeMap::new, Collectors.counting()));
        figure("poison: %d commands failing permanently (one before the windows, then one always in flight for %.1f s), "
                + "%d dead-lettered (%s); "
                + "their callers got %s; healthy commands %.0f/s before, %.0f/s meanwhile, %.0f/s after: ratio "
                + "%.2f", poisonIds.size(), secondsBetween(t1, t2), entries.size(),
                entries.isEmpty() ? "-" : entries.values().iterator().next().get(REASON), statuses,
                before, during, after, healthy == 0 ? 0 : during / healthy);
        Map<String, Integer> applied = store.countByDeposit("Deposited");
        long leftBehind = poisonIds.stream().filter(id -> applied.getOrDefault(id, 0) != 0).count();
        if (leftBehind != 0) {
            failures.add("poison: " + leftBehind + " dead-lettered command(s) left events behind");
        }
        api.fixPoison();
        for (Map<String, String> entry : entries.values()) {
            String messageId = entry.get(MESSAGE_ID);
            CrashApi.Answer retry = api.post("api/dead-commands/" + messageId + "/retry", null);
            if (retry.outcome() != Outcome.ACKED) {
                failures.add("poison: retrying the dead-lettered command " + messageId + " failed: " + retry.status()
                        + " " + retry.body());
            }
        }
        try {
            await("the retried poison commands applied").atMost(Duration.ofMinutes(1))
                    .until(() -> {
                        Map<String, Integer> now = store.countByDeposit("Deposited");
                        return entries.keySet().stream().allMatch(id -> now.getOrDefault(id, 0) > 0);
                    });
        } catch (ConditionTimeoutException e) {
            failures.add("poison: retried commands were not all applied within a minute of the fix");
        }
        return List.copyOf(entries.keySet());
    }

    private Optional<Map<String, String>> deadLetterOf(String depositId) {
        return api.list("api/dead-letters").stream()
                .filter(m -> String.valueOf(m.get("body")).contains(depositId)).findFirst();
    }

    // --------------------------------------------------------------------------------------------- checks

    private void checks(List<String> poisonIds) throws Exception {
        List<Sent> sent = load.sent();
        // the consumers catch up: the read model equals the replay, the saga's commands have run
        awaitQuietly("the read model equal to a replay of the store", CATCH_UP,
                () -> store.readModel().equals(store.replay()));
        // the saga's consumer has caught up meanwhile: what has not run by now gets half a minute more
        awaitQuietly("every command the saga committed run", Duration.ofSeconds(30), () -> Verdict.sagaProblems(store).isEmpty());

        Map<String, Integer> applied = store.countByDeposit("Deposited");
        if (applied.isEmpty() && sent.stream().anyMatch(s -> s.outcome() == Outcome.ACKED)) {
            failures.add("no Deposited event found; the store holds the event types " + store.payloadTypes());
        }
        Verdict.ExactlyOnce once = Verdict.exactlyOnce(sent, applied);
        figure("all deposits: %s; lost %d, duplicated %d (keyed %d), unknown but applied once %d", counts(sent),
                once.lost(), once.duplicated(), once.keyedDuplicated(), once.unknownApplied());
        if (!once.holds()) {
            failures.add("exactly once: " + once.lost() + " acknowledged deposit(s) lost, " + once.duplicated()
                    + " applied more than once; e.g. " + once.examples());
        }
        List<String> versions = store.versionProblems();
        figure("store: %d events, %d aggregates, %d with non-contiguous versions", store.events(), store.aggregates(),
                versions.size());
        if (!versions.isEmpty()) {
            failures.add("versions not contiguous: " + versions.stream().limit(10).toList());
        }
        Map<String, Store.Balance> model = store.readModel();
        Map<String, Store.Balance> replay = store.replay();
        if (!model.equals(replay)) {
            failures.add("read model differs from a replay of the store: " + difference(model, replay));
            diagnose("the read model differs from a replay of the store");
        }
        figure("read model: %d accounts, %s a replay of the store", model.size(), model.equals(replay) ? "equals"
                : "DIFFERS FROM");
        List<String> saga = Verdict.sagaProblems(store);
        figure("saga: %d commands committed by the saga (position %d), %d not run or run more than once",
                store.sagaTriggers(SAGA_THRESHOLD, store.sagaPosition()).size(), store.sagaPosition(), saga.size());
        if (!saga.isEmpty()) {
            List<String> expired = api.list("api/dead-letters/expired").stream()
                    .filter(m -> "RecordDeposit".equals(m.get("recq_payload"))).map(m -> String.valueOf(m.get("body")))
                    .toList();
            long onExpiry = saga.stream().filter(p -> expired.stream().anyMatch(b -> b.contains(p.substring(0,
                    p.indexOf(' '))))).count();
            failures.add("saga commands: " + saga.size() + " committed by the saga but not run exactly once ("
                    + onExpiry + " of them on the broker's expiry queue: they carried the caller timeout as JMS "
                    + "time-to-live and the server was down longer; issue 12, point 1), e.g. "
                    + saga.stream().limit(5).toList() + "; their events: " + sagaEvents(saga));
        }
        for (String poisonId : poisonIds) {
            int n = applied.getOrDefault(poisonId, 0);
            if (n != 1) {
                failures.add("poison: after the fix and the retry the command " + poisonId + " is applied " + n
                        + " times, not once");
            }
        }
    }

    /** The DepositRecorded events of the deposits of saga problems, for the report. */
    private List<String> sagaEvents(List<String> problems) throws SQLException {
        List<String> events = new ArrayList<>();
        for (String problem : problems.stream().limit(5).toList()) {
            events.addAll(store.eventsOfDeposit("DepositRecorded", problem.substring(0, problem.indexOf(' '))));
        }
        return events;
    }


    // ----------------------------------------------------------------------------------- late saga command

    private void lateSagaCommand() throws Exception {
        String depositId = "late-" + UUID.randomUUID();
        // 1. the deposit is stored while the event consumers are off: the saga has not seen it yet
        server.stop();
        server.start(Map.of("recq.event.enabled", "false"), START_TIMEOUT);
        await("the late saga's deposit acknowledged").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.deposit("acc-late", SAGA_THRESHOLD + 50, depositId, "key-" + depositId).outcome()
                        == Outcome.ACKED);
        long sequence = store.sequenceOf(depositId);
        // 2. without command consumers, the saga handles the deposit and commits its command
        server.stop();
        server.start(Map.of("recq.command.consumers", "0"), START_TIMEOUT);
        try {
            await("the saga committed its command").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> store.sagaPosition() >= sequence && store.sagaInstances(depositId) == 1);
        } catch (ConditionTimeoutException e) {
            failures.add("late saga command: the saga did not handle deposit " + depositId + " (sequence " + sequence
                    + ") within 2 minutes; saga position " + store.sagaPosition());
            return;
        }
        Instant committed = Instant.now();
        // 3. the command consumers stay away: nothing may handle the command meanwhile
        try {
            await("the command consumers away").during(settings.consumersAway())
                    .atMost(settings.consumersAway().plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> recordedCount(depositId) == 0);
        } catch (ConditionTimeoutException e) {
            failures.add("late saga command: the command ran while the command consumers were away "
                    + "(recq.command.consumers=0 did not keep them away); the check proves nothing");
            return;
        }
        // 4. they return
        server.stop();
        server.start(Map.of(), START_TIMEOUT);
        Instant returned = Instant.now();
        try {
            await("the late saga command run").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> recordedCount(depositId) >= 1);
            await("the late saga command run once").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                    .until(() -> recordedCount(depositId) == 1);
            figure("late saga command: committed by the saga, consumers away %s, ran once %s after they returned",
                    seconds(Duration.between(committed, returned)), seconds(Duration.between(returned, Instant.now())));
        } catch (ConditionTimeoutException e) {
            int n = recordedCount(depositId);
            Map<String, String> expired = api.list("api/dead-letters/expired").stream()
                    .filter(m -> String.valueOf(m.get("body")).contains(depositId)).findFirst().orElse(null);
            Map<String, String> dead = deadLetterOf(depositId).orElse(null);
            figure("late saga command: committed by the saga, consumers away %s; ran %d times in the minute after "
                    + "they returned", seconds(Duration.between(committed, returned)), n);
            failures.add("late saga command: the saga committed RecordDeposit for " + depositId + " (event " + sequence
                    + "); the command consumers were away " + seconds(Duration.between(committed, returned))
                    + "; a minute after they returned it had run " + n + " times, not once. "
                    + (expired != null ? "The broker moved it to the expiry queue: it carried the caller timeout "
                            + "as JMS time-to-live (issue 12, point 1): " + expired
                            : dead != null ? "It is on the dead-letter queue: " + dead
                                    : "It is neither on the expiry nor on the dead-letter queue"));
        }
    }

    private int recordedCount(String depositId) throws Exception {
        return store.countByDeposit("DepositRecorded").getOrDefault(depositId, 0);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private interface Check {
        boolean holds() throws Exception;
    }

    private void awaitQuietly(String what, Duration timeout, Check check) {
        try {
            await(what).atMost(timeout).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(check::holds);
        } catch (ConditionTimeoutException e) {
            // reported by the check that follows, with the details
        }
    }







    private static double secondsBetween(Instant from, Instant to) {
        return Math.max(0.001, Duration.between(from, to).toMillis() / 1000.0);
    }

    /**
     * Prints what the server and the store say about the event consumers, for a run whose consumers did not
     * make progress: the consumers' rows, readiness and the stacks of RECQ's threads.
     */
    private void diagnose(String why) {
        StringBuilder text = new StringBuilder("diagnosis (" + why + "), head ");
        try {
            text.append(store.head()).append('\n').append(store.consumers());
        } catch (SQLException e) {
            text.append("unknown: ").append(e).append('\n');
        }
        text.append(server.diagnose());
        diagnoses.add(text.toString());
        System.out.println("crash test: " + text);
    }

    private void figure(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        figures.add(line);
        System.out.println("crash test: " + line);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
