package io.recq.crash.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the crash test reads from PostgreSQL with plain JDBC, on the run's own schema: the RECQ event table
 * ({@code recq_events}), its consumer positions, saga instances and dead events, and the application's read
 * model ({@code crash_balances}).
 */
final class Store {

    /**
     * Deposits of one account.
     *
     * @param balance the sum of the amounts
     * @param deposits how many
     */
    record Balance(long balance, long deposits) {
    }

    private final String url;
    private final String user;
    private final String schema;

    Store(String url, String user, String schema) {
        this.url = url;
        this.user = user;
        this.schema = schema;
    }

    /** @return the schema */
    String schema() {
        return schema;
    }

    /**
     * Creates the schema afresh; fails with a clear message when PostgreSQL cannot be reached.
     */
    void create() {
        try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("The crash test needs PostgreSQL at " + url + " (user " + user
                    + ", no password): " + e.getMessage() + ". Start it, or point -Dcrash.jdbc.url/-Dcrash.jdbc.user "
                    + "at one", e);
        }
    }

    /** Drops the schema. */
    void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, null);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
        }
        return c;
    }

    /**
     * @param payloadType an event type's logical name
     * @return per {@code depositId} of that event type, how many events carry it
     */
    Map<String, Integer> countByDeposit(String payloadType) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT payload::jsonb->>'depositId', "
                + "count(*) FROM recq_events WHERE payload_type = ? GROUP BY 1")) {
            s.setString(1, payloadType);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return counts;
    }

    /**
     * @param payloadType an event type
     * @param depositId a deposit id
     * @return each such event of the deposit: sequence, aggregate, version, time and metadata (which names the
     *         command that stored it), one per line
     */
    List<String> eventsOfDeposit(String payloadType, String depositId) throws SQLException {
        List<String> events = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT global_sequence, "
                + "aggregate_id, aggregate_version, stored_at, metadata FROM recq_events WHERE payload_type = ? "
                + "AND payload::jsonb->>'depositId' = ? ORDER BY global_sequence")) {
            s.setString(1, payloadType);
            s.setString(2, depositId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add("#" + r.getLong(1) + " " + r.getString(2) + " v" + r.getLong(3) + " at "
                            + r.getString(4) + " " + r.getString(5));
                }
            }
        }
        return events;
    }

    /**
     * @return a line per aggregate whose versions are not 1, 2, ... n without gap or repeat
     */
    List<String> versionProblems() throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT aggregate_id, count(*), count(DISTINCT aggregate_version), min(aggregate_version), "
                        + "max(aggregate_version) FROM recq_events WHERE aggregate_id IS NOT NULL GROUP BY 1")) {
            while (r.next()) {
                long count = r.getLong(2);
                long distinct = r.getLong(3);
                long min = r.getLong(4);
                long max = r.getLong(5);
                if (count != distinct || min != 1 || max != count) {
                    problems.add(r.getString(1) + ": " + count + " events, " + distinct + " distinct versions, "
                            + min + ".." + max);
                }
            }
        }
        return problems;
    }

    /** @return the aggregates with events */
    long aggregates() throws SQLException {
        return single("SELECT count(DISTINCT aggregate_id) FROM recq_events");
    }

    /** @return the events stored */
    long events() throws SQLException {
        return single("SELECT count(*) FROM recq_events");
    }

    /** @return per account, the balance and deposits a replay of the stored {@code Deposited} events gives */
    Map<String, Balance> replay() throws SQLException {
        Map<String, Balance> balances = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT aggregate_id, payload_type, payload::jsonb->>'amount' FROM recq_events "
                        + "WHERE event_context = 'accounts' ORDER BY global_sequence")) {
            while (r.next()) {
                Balance b = balances.getOrDefault(r.getString(1), new Balance(0, 0));
                if ("Deposited".equals(r.getString(2))) {
                    b = new Balance(b.balance() + Long.parseLong(r.getString(3)), b.deposits() + 1);
                }
                balances.put(r.getString(1), b);
            }
        }
        return balances;
    }

    /** @return the projector's read model, per account */
    Map<String, Balance> readModel() throws SQLException {
        Map<String, Balance> balances = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT account_id, balance, deposits FROM crash_balances")) {
            while (r.next()) {
                balances.put(r.getString(1), new Balance(r.getLong(2), r.getLong(3)));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return balances; // not created yet
            }
            throw e;
        }
        return balances;
    }

    /** @return the highest global sequence stored, 0 when none */
    long head() throws SQLException {
        return single("SELECT coalesce(max(global_sequence), 0) FROM recq_events");
    }

    /** @return the position of the saga's consumer, or -1 when it has none yet */
    long sagaPosition() throws SQLException {
        return single("SELECT coalesce(max(last_sequence), -1) FROM recq_consumers "
                + "WHERE consumer_id LIKE '%LargeDepositSaga%'");
    }

    /**
     * @param threshold the saga's threshold
     * @param upTo a global sequence
     * @return deposit id to global sequence of the deposits the saga sent a command for, up to that sequence
     */
    Map<String, Long> sagaTriggers(long threshold, long upTo) throws SQLException {
        Map<String, Long> triggers = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT payload::jsonb->>'depositId', global_sequence FROM recq_events WHERE payload_type = "
                        + "'Deposited' AND (payload::jsonb->>'amount')::bigint >= ? AND global_sequence <= ?")) {
            s.setLong(1, threshold);
            s.setLong(2, upTo);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    triggers.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return triggers;
    }

    /**
     * @param depositId a deposit id
     * @return the global sequence of its {@code Deposited} event, or -1
     */
    long sequenceOf(String depositId) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT coalesce(min(global_sequence), "
                + "-1) FROM recq_events WHERE payload_type = 'Deposited' AND payload::jsonb->>'depositId' = ?")) {
            s.setString(1, depositId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /**
     * @param depositId a deposit id
     * @return the saga instances associated with it
     */
    long sagaInstances(String depositId) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM "
                + "recq_saga_associations WHERE property_name = 'depositId' AND property_value = ?")) {
            s.setString(1, depositId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** @return each consumer's row: id, position, lease holder and lease end, one per line */
    String consumers() throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT consumer_id, last_sequence, owner_node, lease_until, updated_at FROM recq_consumers "
                        + "ORDER BY consumer_id")) {
            while (r.next()) {
                text.append(r.getString(1)).append(" at ").append(r.getLong(2)).append(", lease ")
                        .append(r.getString(3)).append(" until ").append(r.getString(4)).append(", updated ")
                        .append(r.getString(5)).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * A consumer's row.
     *
     * @param id the consumer's id
     * @param position its last global sequence
     * @param owner the instance holding its lease, or {@code null}
     * @param leaseUntil when the lease ends, or {@code null}
     */
    record Lease(String id, long position, String owner, java.time.Instant leaseUntil) {
    }

    /** @return every consumer's row, by consumer id */
    Map<String, Lease> leases() throws SQLException {
        Map<String, Lease> leases = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT consumer_id, last_sequence, owner_node, lease_until FROM recq_consumers")) {
            while (r.next()) {
                java.sql.Timestamp until = r.getTimestamp(4);
                leases.put(r.getString(1), new Lease(r.getString(1), r.getLong(2), r.getString(3),
                        until == null ? null : until.toInstant()));
            }
        }
        return leases;
    }

    /** @return the events in the dead event queue */
    long deadEvents() throws SQLException {
        return single("SELECT count(*) FROM recq_dead_events");
    }

    /** @return the distinct event types stored */
    List<String> payloadTypes() throws SQLException {
        List<String> types = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT DISTINCT payload_type FROM recq_events")) {
            while (r.next()) {
                types.add(r.getString(1));
            }
        }
        return types;
    }

    private long single(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
