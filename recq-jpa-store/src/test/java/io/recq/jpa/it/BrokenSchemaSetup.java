package io.recq.jpa.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jboss.as.arquillian.api.ReloadIfRequired;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Makes the server's default datasource a fresh database whose {@code recq_events} table lacks the column
 * {@code event_context}, as an old or hand-made store would: on H2 an in-memory database that creates the
 * table on connection, on PostgreSQL ({@code recq.it.database=postgresql}, after {@link DefaultDataSourceSetup})
 * a schema of its own. The tear-down points the default datasource back where it was and removes the broken
 * database.
 */
@ReloadIfRequired(value = 120, timeUnit = TimeUnit.SECONDS)
public class BrokenSchemaSetup implements ServerSetupTask {

    /** {@code recq_events} of the shipped scripts without {@code event_context}. */
    static final String BROKEN_EVENTS_TABLE = "CREATE TABLE IF NOT EXISTS recq_events ("
            + "global_sequence BIGINT NOT NULL PRIMARY KEY, aggregate_id VARCHAR(255), "
            + "aggregate_version BIGINT NOT NULL, payload_type VARCHAR(255) NOT NULL, payload %1$s NOT NULL, "
            + "metadata %1$s NOT NULL, stored_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)";

    private static final String DATASOURCE = "RecqBrokenSchema";
    private static final String PG_URL = System.getProperty("recq.test.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("recq.test.postgresql.user", "postgres");
    private static final String SCHEMA = "recq_broken_it_" + UUID.randomUUID().toString().replace("-", "")
            .substring(0, 12);

    private String previousDefault;

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        ModelNode datasource = operation("add", "subsystem", "datasources", "data-source", DATASOURCE);
        datasource.get("jndi-name").set("java:jboss/datasources/" + DATASOURCE);
        if ("postgresql".equals(DefaultDataSourceSetup.DATABASE)) {
            jdbc("CREATE SCHEMA " + SCHEMA);
            jdbc("CREATE TABLE " + SCHEMA + "." + String.format(BROKEN_EVENTS_TABLE, "TEXT")
                    .substring("CREATE TABLE IF NOT EXISTS ".length()));
            datasource.get("driver-name").set("recq-postgresql.jar");
            datasource.get("connection-url").set(PG_URL + "?currentSchema=" + SCHEMA);
            datasource.get("user-name").set(PG_USER);
        } else {
            // H2 runs INIT on every connection; the statement may run again
            datasource.get("driver-name").set("h2");
            datasource.get("connection-url").set("jdbc:h2:mem:" + SCHEMA + ";DB_CLOSE_DELAY=-1;INIT="
                    + String.format(BROKEN_EVENTS_TABLE, "CHARACTER LARGE OBJECT"));
            datasource.get("user-name").set("sa");
            datasource.get("password").set("sa");
        }
        datasource.get("enabled").set(true);
        execute(client, datasource);

        ModelNode read = operation("read-attribute", "subsystem", "ee", "service", "default-bindings");
        read.get("name").set("datasource");
        previousDefault = execute(client, read).get("result").asString();
        setDefaultDataSource(client, "java:jboss/datasources/" + DATASOURCE);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        setDefaultDataSource(client, previousDefault);
        ModelNode remove = operation("remove", "subsystem", "datasources", "data-source", DATASOURCE);
        remove.get("operation-headers", "allow-resource-service-restart").set(true);
        execute(client, remove);
        if ("postgresql".equals(DefaultDataSourceSetup.DATABASE)) {
            jdbc("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static void setDefaultDataSource(ManagementClient client, String jndiName) throws Exception {
        ModelNode write = operation("write-attribute", "subsystem", "ee", "service", "default-bindings");
        write.get("name").set("datasource");
        write.get("value").set(jndiName);
        execute(client, write);
    }

    private static ModelNode execute(ManagementClient client, ModelNode operation) throws Exception {
        ModelNode result = client.getControllerClient().execute(operation);
        if (!"success".equals(result.get("outcome").asString())) {
            throw new IllegalStateException("Management operation " + operation + " failed: " + result);
        }
        return result;
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
