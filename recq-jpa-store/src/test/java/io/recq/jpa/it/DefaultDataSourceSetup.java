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
 * schema of the local PostgreSQL, and makes it {@code java:comp/DefaultDataSource}; tear-down drops the
 * schema (the server's configuration is a throw-away copy). Otherwise the stock default (H2 ExampleDS) is
 * used.
 */
@ReloadIfRequired(value = 120, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
public class DefaultDataSourceSetup implements ServerSetupTask {

    static final String DATABASE = System.getProperty("recq.it.database", "h2");
    private static final String PG_URL = System.getProperty("recq.test.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String DRIVER = "recq-postgresql.jar";
    private static final String DATASOURCE = "RecqPostgres";

    private String schema;

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        if (!"postgresql".equals(DATABASE)) {
            return;
        }
        schema = "recq_store_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc("CREATE SCHEMA " + schema);
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
        datasource.get("connection-url").set(PG_URL + "?currentSchema=" + schema);
        datasource.get("user-name").set(System.getProperty("recq.test.postgresql.user", "postgres"));
        datasource.get("max-pool-size").set(40);
        datasource.get("enabled").set(true);
        executeOperation(client, datasource);

        setDefaultDataSource(client, "java:jboss/datasources/" + DATASOURCE);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        if (schema == null) {
            return;
        }
        // the server's configuration is discarded with the run (cleanServerBaseDir): only the schema is ours to drop
        jdbc("DROP SCHEMA " + schema + " CASCADE");
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
