package io.recq.jpa.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.TransientStoreException;

/**
 * Creates the store's tables when they are missing and checks that they have the columns the entities map.
 *
 * <p>The DDL ships as one script per database, {@code META-INF/recq/sql/<database>.sql} ({@code h2},
 * {@code postgresql}), chosen by the JDBC driver's product name. Every statement may run again
 * ({@code CREATE TABLE IF NOT EXISTS}), so nodes starting together cannot break each other. On another
 * database, create the tables from one of the scripts by hand: they are then only validated.
 *
 * <p>The scripts are the source of truth: the validation expects every table and column their
 * {@code CREATE TABLE} statements define (on another database, those of {@code postgresql.sql}), and names a
 * missing one with its definition from the script. {@link #TABLES}, what the entities map, must be a part
 * of every script ({@code StoreSchemaTest} checks it).
 */
public final class StoreSchema {

    /** Every table with the columns the store reads and writes. */
    public static final Map<String, List<String>> TABLES;

    static {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("recq_sequence", List.of("name", "last_assigned"));
        tables.put("recq_events", List.of("global_sequence", "aggregate_id", "aggregate_version", "payload_type",
                "payload", "metadata", "event_context", "stored_at"));
        tables.put("recq_snapshots", List.of("aggregate_id", "aggregate_type", "aggregate_version", "state",
                "taken_at"));
        tables.put("recq_idempotency", List.of("idempotency_key", "command_type", "result_type", "result",
                "recorded_at"));
        tables.put("recq_outbox", List.of("message_id", "payload_type", "payload", "routing_key", "metadata",
                "created_at", "send_order"));
        tables.put("recq_consumers", List.of("consumer_id", "last_sequence", "owner_node", "lease_until",
                "updated_at"));
        tables.put("recq_handled_events", List.of("consumer_id", "global_sequence"));
        tables.put("recq_sagas", List.of("saga_id", "saga_type", "state", "entity_version", "updated_at"));
        tables.put("recq_saga_associations", List.of("saga_id", "property_name", "saga_type", "property_value"));
        tables.put("recq_dead_events", List.of("id", "consumer_id", "global_sequence", "payload_type", "handler",
                "error_class", "error_message", "attempts", "dead_since", "last_attempt", "retry_requested_at", "error_trace"));
        tables.put("recq_service_instances", List.of("instance_id", "service_name", "service_version", "node",
                "tx_node", "ready", "started_at", "heartbeat_at", "dead_letter_queue"));
        tables.put("recq_service_messages", List.of("service_name", "message_role", "payload_type", "payload_class",
                "component", "component_kind", "json_schema"));
        TABLES = java.util.Collections.unmodifiableMap(tables);
    }

    /** The sequence the ids of {@code recq_dead_events} come from. */
    static final String DEAD_EVENT_IDS = "recq_dead_event_ids";

    private static final Logger LOG = Logger.getLogger(StoreSchema.class.getName());
    private static final String SCRIPTS = "META-INF/recq/sql/";
    /** The script whose tables a database without a script of its own is validated against. */
    private static final String REFERENCE_SCRIPT = "postgresql.sql";
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?is)^\\s*CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([\\w.\"]+)\\s*\\((.*)\\)\\s*$");
    private static final Set<String> TABLE_CONSTRAINTS = Set.of("constraint", "primary", "unique", "foreign",
            "check", "exclude");

    private StoreSchema() {
    }

    /**
     * Creates what is missing, then validates.
     *
     * @param dataSource the datasource of the store's persistence unit
     * @return the database's product name, as its JDBC driver reports it
     * @throws InvalidStoreSchemaException (code {@code RECQ-01203}) naming every missing table and column and how
     *         to add it, when the schema cannot be completed
     * @throws TransientStoreException when the database cannot be reached
     */
    public static String ensure(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            String script = scriptName(product);
            Map<String, Map<String, String>> expected = tables(script == null ? REFERENCE_SCRIPT : script);
            List<String> problems = problems(connection, expected);
            if (problems.isEmpty()) {
                return product;
            }
            if (script == null) {
                throw invalid(problems, "the database " + product + " has no shipped script; create the tables "
                        + "and columns named above from " + SCRIPTS + REFERENCE_SCRIPT + " (in recq-jpa-store), "
                        + "adapting the types");
            }
            LOG.info(() -> "RECQ creates its store tables in " + product + " from " + SCRIPTS + script);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try {
                for (String statement : statements(script)) {
                    try (Statement s = connection.createStatement()) {
                        s.execute(statement);
                    } catch (SQLException e) {
                        // another node may be creating the same table right now: judge by the validation below
                        LOG.fine(() -> "RECQ schema statement failed (" + e + "): " + statement);
                    }
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            List<String> remaining = problems(connection, expected);
            if (!remaining.isEmpty()) {
                throw invalid(remaining, "add each missing column to its table with the definition shown "
                        + "(ALTER TABLE <table> ADD COLUMN <definition>; give a NOT NULL column a default when the "
                        + "table has rows), or drop the incomplete tables of an empty store so that RECQ creates "
                        + "them; create missing tables and sequences from " + SCRIPTS + script + " (in "
                        + "recq-jpa-store) when the datasource's user may not create tables");
            }
            return product;
        } catch (SQLException e) {
            throw new TransientStoreException(ErrorCode.STORE_UNAVAILABLE.code() + " the RECQ store cannot reach "
                    + "its database: " + e.getMessage() + ". Fix: check the server's default datasource", e);
        }
    }

    /**
     * @param connection a connection to the store's database
     * @return what is missing: tables, columns, the sequence of dead event ids, or the head row of the event
     *         sequence; empty when valid
     * @throws SQLException when the database cannot be read
     */
    public static List<String> problems(Connection connection) throws SQLException {
        String script = scriptName(connection.getMetaData().getDatabaseProductName());
        return problems(connection, tables(script == null ? REFERENCE_SCRIPT : script));
    }

    /**
     * @param connection a connection to the store's database
     * @param expected the tables, each with its columns and their definitions
     * @return what is missing, each with its definition; empty when valid
     * @throws SQLException when the database cannot be read
     */
    static List<String> problems(Connection connection, Map<String, Map<String, String>> expected)
            throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> table : expected.entrySet()) {
            Set<String> columns = columns(meta, schema, table.getKey());
            if (columns.isEmpty()) {
                problems.add("table " + table.getKey() + " is missing");
                continue;
            }
            for (Map.Entry<String, String> column : table.getValue().entrySet()) {
                if (!columns.contains(column.getKey())) {
                    problems.add("column " + table.getKey() + "." + column.getKey() + " is missing (defined as "
                            + column.getValue() + ")");
                }
            }
        }
        if (!sequenceExists(connection, schema, DEAD_EVENT_IDS)) {
            problems.add("sequence " + DEAD_EVENT_IDS + " is missing");
        }
        if (problems.isEmpty()) {
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT last_assigned FROM recq_sequence WHERE name = 'events'");
                    ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    problems.add("the row 'events' of recq_sequence is missing");
                }
            }
        }
        return problems;
    }

    /**
     * @return whether the sequence is there, by the SQL standard's {@code information_schema.sequences}; true
     *         where a database lacks that view, which then tells at the first insert
     */
    private static boolean sequenceExists(Connection connection, String schema, String sequence) {
        try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM information_schema.sequences "
                + "WHERE LOWER(sequence_name) = ? AND (? IS NULL OR LOWER(sequence_schema) = LOWER(?))")) {
            s.setString(1, sequence);
            s.setString(2, schema);
            s.setString(3, schema);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            LOG.fine(() -> "RECQ cannot list the database's sequences: " + e);
            return true;
        }
    }

    private static Set<String> columns(DatabaseMetaData meta, String schema, String table) throws SQLException {
        String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        Set<String> columns = new TreeSet<>();
        try (ResultSet rs = meta.getColumns(null, schema, name, null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    /**
     * @param script a shipped script's file name, e.g. {@code h2.sql}
     * @return every table its {@code CREATE TABLE} statements define, in order, each with its columns (lower
     *         case) and their definitions as written, e.g. {@code event_context VARCHAR(255) NOT NULL}
     */
    static Map<String, Map<String, String>> tables(String script) {
        return tablesOf(statements(script));
    }

    /**
     * @param statements the statements of a script
     * @return the tables its {@code CREATE TABLE} statements define, with their columns' definitions
     */
    static Map<String, Map<String, String>> tablesOf(List<String> statements) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        for (String statement : statements) {
            Matcher create = CREATE_TABLE.matcher(statement);
            if (!create.matches()) {
                continue;
            }
            Map<String, String> columns = new LinkedHashMap<>();
            for (String element : splitTopLevel(create.group(2))) {
                String definition = element.strip().replaceAll("\\s+", " ");
                String first = definition.split(" ", 2)[0].replace("\"", "").toLowerCase(Locale.ROOT);
                if (!first.isEmpty() && !TABLE_CONSTRAINTS.contains(first)) {
                    columns.put(first, definition);
                }
            }
            tables.put(create.group(1).replace("\"", "").toLowerCase(Locale.ROOT), columns);
        }
        return tables;
    }

    /** Splits a table's elements at the commas outside parentheses ({@code VARCHAR(255)}, {@code PRIMARY KEY (a, b)}). */
    private static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : body.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString());
        }
        return parts;
    }

    static String scriptName(String product) {
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return "h2.sql";
        }
        if (p.contains("postgres")) {
            return "postgresql.sql";
        }
        return null;
    }

    static List<String> statements(String script) {
        String text;
        try (InputStream in = StoreSchema.class.getClassLoader().getResourceAsStream(SCRIPTS + script)) {
            if (in == null) {
                throw new IllegalStateException("RECQ schema script " + SCRIPTS + script + " is missing from "
                        + "recq-jpa-store");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("RECQ cannot read " + SCRIPTS + script, e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static InvalidStoreSchemaException invalid(List<String> problems, String fix) {
        return new InvalidStoreSchemaException(ErrorCode.STORE_SCHEMA_INVALID.code() + " the RECQ store's tables "
                + "in the store's datasource are incomplete: " + String.join("; ", problems) + ". Fix: " + fix);
    }
}
