package io.recq.crash.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.awaitility.Awaitility.await;

/**
 * Two services of one system on two WildFly servers, sharing a standalone Artemis broker and a PostgreSQL
 * schema. The crash application is split in two: the <b>accounts</b> service (the account aggregate and its
 * projector) on server A, and the <b>ledger</b> service (the REST invoker, the ledger aggregate and the saga that
 * records large deposits) on server B. Every request goes to B: opening an account is a command B routes to A
 * over the broker, a deposit too; A's events reach B's saga through the store, and the saga's command stays in
 * B. Then A is killed: B keeps taking requests, their commands wait in A's subscription, and once A is back
 * every deposit is applied once.
 */
public final class TwoServers {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final int ACCOUNTS = 4;
    private static final int DEPOSITS = 40;

    private final CrashSettings a;
    private final CrashSettings b;
    private final Store store;
    private final List<String> figures = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /**
     * @param a the settings of server A (its port offset sets the broker's port too)
     * @param b the settings of server B
     */
    public TwoServers(CrashSettings a, CrashSettings b) {
        this.a = a;
        this.b = b;
        this.store = new Store(a.jdbcUrl(), a.jdbcUser(), "recq_two_" + ProcessHandle.current().pid());
    }

    /**
     * What the run found: figures, and failed checks (none when it passed).
     *
     * @param figures what was measured
     * @param failures the checks that failed
     */
    public record Report(List<String> figures, List<String> failures) {

        /** @return the report as text */
        public String text() {
            return "two servers\n  " + String.join("\n  ", figures) + (failures.isEmpty() ? "\nall checks passed"
                    : "\nFAILED:\n  " + String.join("\n  ", failures));
        }
    }

    /**
     * @return what the run found
     * @throws Exception when the run could not be carried out
     */
    public Report run() throws Exception {
        Path accountsWar = split(a.war(), a.baseDir().resolveSibling(a.baseDir().getFileName() + "-accounts.war"),
                name -> name.contains("io/recq/crash/ledger/LedgerAggregate")
                        || name.contains("io/recq/crash/ledger/LargeDepositSaga")
                        || name.contains("io/recq/crash/web/AccountResource"));
        Path ledgerWar = split(b.war(), b.baseDir().resolveSibling(b.baseDir().getFileName() + "-ledger.war"),
                name -> name.contains("io/recq/crash/account/AccountAggregate")
                        || name.contains("io/recq/crash/account/AccountProjector"));
        store.create();
        String jdbcUrl = a.jdbcUrl() + "?currentSchema=" + store.schema();
        try (StandaloneBroker broker = new StandaloneBroker(a);
                CrashServer accounts = new CrashServer(a, accountsWar, a.brokerPort());
                CrashServer ledger = new CrashServer(b, ledgerWar, a.brokerPort())) {
            broker.create();
            figure("broker at 127.0.0.1:%d started in %s", broker.port(), broker.start(START_TIMEOUT));
            accounts.prepare(jdbcUrl);
            ledger.prepare(jdbcUrl);
            Map<String, String> accountsService = service("crash-accounts", "server-a");
            Map<String, String> ledgerService = service("crash-ledger", "server-b");
            figure("server A (accounts, +%d) started in %s", a.portOffset(),
                    accounts.start(accountsService, START_TIMEOUT));
            figure("server B (ledger and the REST invoker, +%d) started in %s", b.portOffset(),
                    ledger.start(ledgerService, START_TIMEOUT));
            CrashApi api = new CrashApi(ledger.baseUri());

            // every request to B: the accounts' commands travel to A
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= ACCOUNTS; i++) {
                String account = String.format(Locale.ROOT, "two-%02d", i);
                check("open " + account + " through B", api.open(account).status() == 200);
                ids.add(account);
            }
            Map<String, Long> sent = new HashMap<>();
            for (int i = 0; i < DEPOSITS; i++) {
                deposit(api, ids.get(i % ACCOUNTS), i, sent, true);
            }
            check("two services on two nodes in the catalog", instances().equals(List.of(
                    "crash-accounts@server-a", "crash-ledger@server-b")));

            // A dies; B goes on taking requests, whose commands wait for A in the broker
            figure("server A killed at %s", accounts.kill());
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            for (int i = DEPOSITS; i < DEPOSITS + ACCOUNTS; i++) {
                int n = i;
                waiting.add(CompletableFuture.runAsync(() -> deposit(api, ids.get(n % ACCOUNTS), n, sent, false)));
            }
            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).join();
            figure("server A started again in %s", accounts.start(accountsService, START_TIMEOUT));

            settle(sent);
            accounts.stop();
            ledger.stop();
            broker.stop();
        } finally {
            store.drop();
        }
        return new Report(List.copyOf(figures), List.copyOf(failures));
    }

    private static Map<String, String> service(String name, String node) {
        // a crash of A must not make it leave the catalog before it is back: its commands wait for it meanwhile
        return Map.of("recq.service.name", name, "jboss.node.name", node, "recq.service.expiry-ms", "300000");
    }

    /**
     * Deposits through B; while A is away the caller is told the outcome is unknown (504), and the command
     * waits for A.
     */
    private void deposit(CrashApi api, String account, int n, Map<String, Long> sent, boolean expectAnswer) {
        String depositId = "two-dep-" + n;
        long amount = n % 5 == 0 ? 1_000 : 10 + n;
        CrashApi.Answer answer = api.deposit(account, amount, depositId, "two-key-" + n);
        synchronized (sent) {
            sent.put(depositId, amount);
        }
        if (expectAnswer) {
            check("deposit " + depositId + " through B answered 200 (got " + answer.status() + " " + answer.body()
                    + ")", answer.status() == 200);
        } else {
            check("deposit " + depositId + " while A is away answered 200 or 504 (got " + answer.status() + ")",
                    answer.status() == 200 || answer.status() == 504);
        }
    }

    private void settle(Map<String, Long> sent) throws Exception {
        long large = sent.values().stream().filter(amount -> amount >= 900).count();
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).until(() ->
                    store.countByDeposit("Deposited").size() == sent.size()
                            && store.countByDeposit("DepositRecorded").size() == large
                            && store.readModel().equals(store.replay()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            failures.add("not settled within " + SETTLE + ": " + store.countByDeposit("Deposited").size()
                    + " of " + sent.size() + " deposits, " + store.countByDeposit("DepositRecorded").size() + " of "
                    + large + " recorded; consumers " + store.consumers());
        }
        Map<String, Integer> deposited = store.countByDeposit("Deposited");
        Map<String, Integer> recorded = store.countByDeposit("DepositRecorded");
        figure("%d deposits sent, %d applied on A, %d large ones recorded by B's saga", sent.size(),
                deposited.size(), recorded.size());
        check("every deposit applied once by the accounts service", deposited.keySet().equals(sent.keySet())
                && deposited.values().stream().allMatch(count -> count == 1));
        check("every large deposit recorded once by the ledger service", recorded.size() == large
                && recorded.values().stream().allMatch(count -> count == 1));
        check("A's read model equals a replay of the store", store.readModel().equals(store.replay()));
        check("aggregate versions contiguous", store.versionProblems().isEmpty());
    }

    private List<String> instances() throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(a.jdbcUrl(), a.jdbcUser(), null);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT service_name || '@' || node FROM " + store.schema()
                        + ".recq_service_instances ORDER BY 1")) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        figure("catalog instances: %s", found);
        return found;
    }

    /**
     * @return a copy of {@code war} without the entries {@code drop} names
     */
    private static Path split(Path war, Path copy, Predicate<String> drop) throws IOException {
        Files.createDirectories(copy.getParent());
        try (InputStream in = Files.newInputStream(war); ZipInputStream zip = new ZipInputStream(in);
                OutputStream out = Files.newOutputStream(copy); ZipOutputStream target = new ZipOutputStream(out)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!drop.test(entry.getName())) {
                    target.putNextEntry(new ZipEntry(entry.getName()));
                    zip.transferTo(target);
                    target.closeEntry();
                }
            }
        }
        return copy;
    }

    private void check(String what, boolean passed) {
        if (!passed) {
            failures.add(what);
        }
    }

    private void figure(String format, Object... arguments) {
        String text = String.format(Locale.ROOT, format, arguments);
        figures.add(text);
        System.out.println("two servers: " + text);
    }
}
