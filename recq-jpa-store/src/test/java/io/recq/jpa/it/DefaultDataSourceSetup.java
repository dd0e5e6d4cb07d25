package io.recq.jpa.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import org.jboss.as.arquillian.api.ReloadIfRequired;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Points the server's default datasource at the database the run is for. With the system property
 * {@code recq.it.database=postgresql}: deploys the PostgreSQL JDBC driver, adds a datasource on a fresh
 * schema of the local PostgreSQL, and makes it {@code java:comp/DefaultDataSource}, once per server; each
 * test class's tear-down drops the schema (the server's configuration is a throw-away copy). Otherwise the
 * stock default (H2 ExampleDS) is used.
 */
@ReloadIfRequired(value = 120, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
public class DefaultDataSourceSetup implements ServerSetupTask {

    static final String DATABASE = System.getProperty("recq.it.database", "h2");
    private static final String PG_URL = System.getProperty("recq.test.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String DRIVER = "recq-postgresql.jar";
    private static final String DATASOURCE = "RecqPostgres";

    /**
     * The schema of this test JVM: created by each test class's setup and dropped by its tear-down, under
     * one name, because the server's datasource keeps pointing at it from one test class to the next.
     */
    private static final String SCHEMA = "recq_store_it_" + UUID.randomUUID().toString().replace("-", "")
            .substring(0, 12);

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        if (!"postgresql".equals(DATABASE)) {
            return;
        }
        jdbc("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        if (exists(client, "deployment", DRIVER)) {
            // an earlier test class already pointed this server at PostgreSQL
            return;
        }
        Path driver = Path.of(System.getProperty("recq.it.postgresql.driver", "target/it-jdbc/postgresql.jar"));
        if (!Files.isRegularFile(driver)) {
            throw new IllegalStateException("No PostgreSQL driver at " + driver.toAbsolutePath());
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
        datasource.get("user-name").set(System.getProperty("recq.test.postgresql.user", "postgres"));
        datasource.get("max-pool-size").set(40);
        datasource.get("enabled").set(true);
        executeOperation(client, datasource);

        setDefaultDataSource(client, "java:jboss/datasources/" + DATASOURCE);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        // the server's configuration is a throw-away copy (cleanServerBaseDir) and later test classes in the
        // same server keep its datasource: only the schema is dropped (and created again by the next setup)
        if ("postgresql".equals(DATABASE)) {
            jdbc("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private boolean exists(ManagementClient client, String... address) throws Exception {
        ModelNode result = client.getControllerClient().execute(operation("read-resource", address));
        return "success".equals(result.get("outcome").asString());
    }

    private void setDefaultDataSource(ManagementClient client, String jndiName) throws Exception {
        ModelNode write = operation("write-attribute", "subsystem", "ee", "service", "default-bindings");
        write.get("name").set("datasource");
        write.get("value").set(jndiName);
        executeOperation(client, write);
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
        try (Connection c = DriverManager.getConnection(PG_URL, System.getProperty("recq.test.postgresql.user",
                "postgres"), null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
