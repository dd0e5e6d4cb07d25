package io.recq.jpa.event.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.recq.api.EventLog;
import io.recq.api.Metadata;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.runtime.RecqConfig;
import io.recq.cdi.spi.TransientStoreException;
import io.recq.jpa.MetadataJson;
import io.recq.jpa.StoreDataSource;
import io.recq.jpa.schema.StoreLifecycle;

/**
 * The {@link EventLog} on {@code recq_events}, with JDBC, outside the caller's transaction. Which index serves
 * which read:
 * <ul>
 * <li>by sequence, a sequence range, the newest events, a time range: the primary key (a time is turned into a
 * sequence by a binary search over the primary key, about 25 reads for 10 million events);</li>
 * <li>by aggregate: the unique {@code (aggregate_id, aggregate_version)};</li>
 * <li>by type: {@code recq_events_type (payload_type, global_sequence)};</li>
 * <li>by context: {@code recq_events_context (event_context, global_sequence)};</li>
 * <li>a correlation chain: the primary key, over a window of sequences around the event.</li>
 * </ul>
 */
@Singleton
public class JdbcEventLog implements EventLog {

    /** Sequences on each side of an event within which its correlation chain is looked for. */
    public static final String CHAIN_WINDOW_KEY = "recq.event-log.chain-window";
    private static final long DEFAULT_CHAIN_WINDOW = 10_000;
    private static final int MAX_PAGE = 1_000;
    private static final String COLUMNS = "global_sequence, aggregate_id, aggregate_version, payload_type, payload, "
            + "metadata, event_context, stored_at";

    @Inject
    StoreDataSource dataSource;

    @Inject
    StoreLifecycle lifecycle;

    @Inject
    RecqConfig config;

    private DataSource plainDataSource;
    private long plainChainWindow;

    protected JdbcEventLog() {
        // for CDI
    }

    /**
     * An event log on a datasource, over tables that exist.
     *
     * @param dataSource the store's datasource
     * @param chainWindow sequences on each side of an event within which its correlation chain is looked for
     */
    public JdbcEventLog(DataSource dataSource, long chainWindow) {
        this.plainDataSource = dataSource;
        this.plainChainWindow = chainWindow;
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public long head() {
        return read("head", connection -> head(connection));
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public Optional<Entry> find(long sequence) {
        return read("read of event " + sequence, connection -> select(connection, "SELECT " + COLUMNS
                + " FROM recq_events WHERE global_sequence = ?", List.of(sequence))).stream().findFirst();
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public List<Entry> search(Filter filter, long before, int max) {
        Filter f = filter == null ? Filter.all() : filter;
        int limit = Math.min(Math.max(0, max), MAX_PAGE);
        if (limit == 0) {
            return List.of();
        }
        return read("search of events", connection -> {
            long upper = before <= 0 ? Long.MAX_VALUE : before - 1;
            long lower = 1;
            if (f.toSequence() != null) {
                upper = Math.min(upper, f.toSequence());
            }
            if (f.fromSequence() != null) {
                lower = Math.max(lower, f.fromSequence());
            }
            if (f.from() != null || f.to() != null) {
                long head = head(connection);
                if (f.from() != null) {
                    lower = Math.max(lower, firstStoredAtOrAfter(connection, f.from(), head));
                }
                if (f.to() != null) {
                    upper = Math.min(upper, firstStoredAtOrAfter(connection, f.to(), head) - 1);
                }
            }
            if (upper < lower) {
                return List.of();
            }
            StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM recq_events WHERE ");
            List<Object> parameters = new ArrayList<>();
            if (f.aggregateId() != null) {
                sql.append("aggregate_id = ? AND ");
                parameters.add(f.aggregateId());
            }
            if (f.eventType() != null) {
                sql.append("payload_type = ? AND ");
                parameters.add(f.eventType());
            }
            if (f.context() != null) {
                sql.append("event_context = ? AND ");
                parameters.add(f.context());
            }
            sql.append("global_sequence BETWEEN ? AND ? ORDER BY global_sequence DESC LIMIT ?");
            parameters.add(lower);
            parameters.add(upper);
            parameters.add(limit);
            return select(connection, sql.toString(), parameters);
        });
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public List<Entry> aggregate(String aggregateId, int max) {
        int limit = Math.min(Math.max(0, max), 100_000);
        if (aggregateId == null || limit == 0) {
            return List.of();
        }
        return read("history of aggregate " + aggregateId, connection -> select(connection, "SELECT " + COLUMNS
                + " FROM recq_events WHERE aggregate_id = ? ORDER BY aggregate_version LIMIT ?",
                List.of(aggregateId, limit)));
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public List<Entry> correlated(long sequence, int max) {
        int limit = Math.min(Math.max(0, max), MAX_PAGE);
        Optional<Entry> event = find(sequence);
        if (event.isEmpty() || limit == 0) {
            return List.of();
        }
        Optional<String> correlation = event.get().metadata().get(Metadata.CORRELATION_ID);
        if (correlation.isEmpty()) {
            return List.of(event.get());
        }
        long window = Math.max(1, config == null ? plainChainWindow
                : config.getLong(CHAIN_WINDOW_KEY, DEFAULT_CHAIN_WINDOW));
        String id = correlation.get();
        return read("correlation chain of event " + sequence, connection -> select(connection, "SELECT " + COLUMNS
                + " FROM recq_events WHERE global_sequence BETWEEN ? AND ? AND metadata LIKE ? ESCAPE '\\' "
                + "ORDER BY global_sequence LIMIT ?", List.of(Math.max(1, sequence - window), sequence + window,
                        "%" + likeLiteral(id) + "%", limit))
                .stream().filter(e -> e.metadata().get(Metadata.CORRELATION_ID).filter(id::equals).isPresent())
                .toList());
    }

    /**
     * @return the smallest sequence stored at or after {@code time}, {@code head + 1} when none
     */
    private static long firstStoredAtOrAfter(Connection connection, Instant time, long head) throws SQLException {
        long low = 1;
        long high = head + 1;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT stored_at FROM recq_events WHERE global_sequence = ?")) {
            while (low < high) {
                long middle = low + (high - low) / 2;
                statement.setLong(1, middle);
                Instant stored;
                try (ResultSet row = statement.executeQuery()) {
                    stored = row.next() ? row.getObject(1, OffsetDateTime.class).toInstant() : Instant.MAX;
                }
                if (stored.isBefore(time)) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
        }
        return low;
    }

    private static long head(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT MAX(global_sequence) FROM recq_events");
                ResultSet row = statement.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static List<Entry> select(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object parameter = parameters.get(i);
                if (parameter instanceof Long value) {
                    statement.setLong(i + 1, value);
                } else if (parameter instanceof Integer value) {
                    statement.setInt(i + 1, value);
                } else {
                    statement.setString(i + 1, (String) parameter);
                }
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    entries.add(new Entry(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4),
                            row.getString(7), row.getObject(8, OffsetDateTime.class).withOffsetSameInstant(
                                    ZoneOffset.UTC).toInstant(), MetadataJson.read(row.getString(6)),
                            row.getString(5)));
                }
            }
            return entries;
        }
    }

    private <T> T read(String what, Read<T> read) {
        if (lifecycle != null && !lifecycle.schemaReady()) {
            lifecycle.ensureSchema();
        }
        try (Connection connection = (plainDataSource != null ? plainDataSource : dataSource.get()).getConnection()) {
            return read.apply(connection);
        } catch (SQLException e) {
            throw new TransientStoreException(ErrorCode.STORE_UNAVAILABLE.code() + " the RECQ event log failed in the "
                    + what + ": " + e.getMessage() + ". Fix: check the store's database", e);
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }
}
