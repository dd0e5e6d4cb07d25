package io.recq.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.jboss.as.arquillian.api.ReloadIfRequired;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Points the server's default datasource at the benchmark's database. With {@code bench.db=postgresql}:
 * empties the dedicated schema ({@code bench.postgresql.schema}, default {@code recq_bench}) of the local
 * PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}), deploys the JDBC driver, adds a
 * datasource on that schema and makes it {@code java:comp/DefaultDataSource}; tear-down drops the schema. With {@code bench.db=h2} the server's
 * stock default (the in-memory H2 {@code ExampleDS}) is used.
 */
@ReloadIfRequired(value = 120, timeUnit = TimeUnit.SECONDS)
public class BenchDatabaseSetup implements ServerSetupTask {

    static final String DATABASE = System.getProperty("bench.db", "h2");
    /** The PostgreSQL schema of a run; another one lets two runs share the database. */
    static final String SCHEMA = System.getProperty("bench.postgresql.schema", "recq_bench");
    private static final String PG_URL = System.getProperty("bench.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("bench.postgresql.user", "postgres");
    private static final String DRIVER = "bench-postgresql.jar";
    private static final String DATASOURCE = "BenchPostgres";

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        if ("h2".equals(DATABASE)) {
            return;
        }
        if (!"postgresql".equals(DATABASE)) {
            throw new IllegalArgumentException("bench.db must be h2 or postgresql, got " + DATABASE);
        }
        jdbc("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        jdbc("CREATE SCHEMA " + SCHEMA);
        Path driver = Path.of(System.getProperty("bench.postgresql.driver", "target/bench-jdbc/postgresql.jar"));
        if (!Files.isRegularFile(driver)) {
            throw new IllegalStateException("No PostgreSQL driver at " + driver.toAbsolutePath()
                    + ": run with -P bench");
        }
        ModelNode deploy = operation("add", "deployment", DRIVER);
        ModelNode content = new ModelNode();
        content.get("url").set(driver.toAbsolutePath().toUri().toString());
        deploy.get("content").add(content);
        deploy.get("enabled").set(true);
        executeOperation(client, deploy);

        ModelNode datasource = operation("add", "subsystem", "datasources", "data-source", DATASOURCE);
        datasource.get("jndi-name").set("java:jboss/datasources/" + DATASOURCE);
        datasource.get("driver-name").set(DRIVER);
        datasource.get("connection-url").set(PG_URL + "?currentSchema=" + SCHEMA);
        datasource.get("user-name").set(PG_USER);
        datasource.get("max-pool-size").set(40);
        datasource.get("enabled").set(true);
        executeOperation(client, datasource);

        ModelNode write = operation("write-attribute", "subsystem", "ee", "service", "default-bindings");
        write.get("name").set("datasource");
        write.get("value").set("java:jboss/datasources/" + DATASOURCE);
        executeOperation(client, write);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        if ("postgresql".equals(DATABASE)) {
            // the server's configuration is a throw-away copy; the schema is ours to clean
            jdbc("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static ModelNode operation(String name, String... address) {
        ModelNode op = new ModelNode();
        op.get("operation").set(name);
        ModelNode addr = op.get("address").setEmptyList();
        for (int i = 0; i < address.length; i += 2) {
            addr.add(address[i], address[i + 1]);
        }
        return op;
    }

    private static void jdbc(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
