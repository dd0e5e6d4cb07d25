package io.recq.jpa.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.runtime.RecqResources;
import io.recq.cdi.spi.AggregateSnapshot;
import io.recq.cdi.spi.ConcurrentAppendException;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.NewEvent;
import io.recq.cdi.spi.StoredEvent;
import io.recq.jpa.ContextConnection;
import io.recq.jpa.MetadataJson;
import io.recq.jpa.RecqPersistence;
import io.recq.jpa.StoreFailures;
import io.recq.jpa.StoreReads;
import io.recq.jpa.schema.StoreLifecycle;

/**
 * The {@link EventStore} on Jakarta Persistence, in the persistence unit {@value RecqPersistence#UNIT}.
 *
 * <p><b>Global sequence in commit order.</b> {@link #append} first flushes the transaction's other writes,
 * then advances the single head row of {@code recq_sequence} by the number of events with one
 * {@code UPDATE} that returns the new head (an {@code UPDATE} and a {@code SELECT} on databases other than
 * PostgreSQL and H2), and inserts the events numbered just below it. The row lock taken by
 * that {@code UPDATE} is held until the transaction ends, so a second appending transaction waits at its own
 * {@code UPDATE} until the first has committed (and then continues from the committed head) or rolled back
 * (and then reuses the released numbers). Sequence numbers are therefore assigned in commit order and never
 * skipped: a reader that has seen number {@code n} will never find a later-committed event below {@code n}.
 * The price is that the tails of appending transactions (from the append to the commit) run one at a time;
 * the append is the last write of a command for that reason. See docs/2026-11-25-global-sequence.md.
 *
 * <p><b>Versions.</b> {@code (aggregate_id, aggregate_version)} is unique: a second event with the same
 * version fails with a {@link ConcurrentAppendException}, and the command is handled again.
 *
 * <p>Service events have no aggregate id and version 0 (SQL unique constraints treat nulls as distinct).
 */
@Singleton
public class JpaEventStore implements EventStore {

    private static final String COLUMNS = "global_sequence, aggregate_id, aggregate_version, payload_type, payload, "
            + "metadata, event_context, stored_at";
    private static final String INSERT = "INSERT INTO recq_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String READ = "SELECT " + COLUMNS + " FROM recq_events WHERE global_sequence >= ? "
            + "ORDER BY global_sequence LIMIT ?";
    private static final String LOAD = "SELECT " + COLUMNS + " FROM recq_events WHERE aggregate_id = ? "
            + "AND aggregate_version > ? ORDER BY aggregate_version";
    /** Hibernate's hint for entities it need not watch for changes; other providers ignore it. */
    private static final String READ_ONLY = "org.hibernate.readOnly";

    @PersistenceContext(unitName = RecqPersistence.UNIT)
    EntityManager entityManager;

    @Inject
    StoreLifecycle lifecycle;

    @Inject
    StoreReads reads;

    @Inject
    RecqResources resources;

    private String databaseProduct;

    protected JpaEventStore() {
        // for CDI
    }

    /**
     * A store on an entity manager whose transactions the caller controls, over tables that exist.
     *
     * @param entityManager an entity manager of the unit {@value RecqPersistence#UNIT}
     */
    public JpaEventStore(EntityManager entityManager) {
        this(entityManager, null);
    }

    /**
     * A store on an entity manager whose transactions the caller controls, over tables that exist, on a known
     * database: on PostgreSQL and H2 the append then takes its shortest way, as in the server.
     *
     * @param entityManager an entity manager of the unit {@value RecqPersistence#UNIT}
     * @param databaseProduct the JDBC database product name, or {@code null} when unknown
     */
    public JpaEventStore(EntityManager entityManager, String databaseProduct) {
        this.entityManager = entityManager;
        this.databaseProduct = databaseProduct;
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public List<StoredEvent> append(List<NewEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        ensureSchema();
        try {
            // the transaction's other writes first, so that the sequence lock below is held as briefly as possible
            entityManager.flush();
            String product = lifecycle == null ? databaseProduct : lifecycle.databaseProduct();
            if (ContextConnection.shortWay(product) && returningStatement(product) != null) {
                return ContextConnection.run(entityManager, connection -> appendWithJdbc(connection, events,
                        returningStatement(product)));
            }
            int n = events.size();
            long last = advanceSequence(n);
            long sequence = last - n;
            List<StoredEvent> stored = new ArrayList<>(n);
            List<EventEntry> entries = new ArrayList<>(n);
            for (NewEvent event : events) {
                sequence++;
                Instant at = event.timestamp().truncatedTo(ChronoUnit.MICROS);
                String metadata = MetadataJson.write(event.metadata());
                EventEntry entry = new EventEntry(sequence, event.aggregateId(), event.aggregateVersion(),
                        event.payloadName(), event.json(), metadata, event.context(),
                        OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                entityManager.persist(entry);
                entries.add(entry);
                stored.add(new StoredEvent(sequence, event.aggregateId(), event.aggregateVersion(),
                        event.payloadName(), event.json(), event.context(), event.metadata(), at));
            }
            entityManager.flush();
            entries.forEach(entityManager::detach);
            return stored;
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "append of " + events.size() + " event(s) for aggregate "
                    + events.get(0).aggregateId() + " from version " + events.get(0).aggregateVersion());
        }
    }

    /**
     * The append on PostgreSQL and H2, in plain JDBC on the persistence context's own connection: one
     * statement moves the head, one batch inserts the events. The provider's flush, persistence context and
     * query translation cost more CPU than the two statements themselves, and the store never reads events
     * back as entities in the transaction that appended them.
     */
    private static List<StoredEvent> appendWithJdbc(Connection connection, List<NewEvent> events, String advance)
            throws SQLException {
        int n = events.size();
        long last;
        try (PreparedStatement head = connection.prepareStatement(advance.replace("?1", "?"))) {
            head.setLong(1, n);
            try (ResultSet result = head.executeQuery()) {
                if (!result.next()) {
                    throw missingHead();
                }
                last = result.getLong(1);
            }
        }
        long sequence = last - n;
        List<StoredEvent> stored = new ArrayList<>(n);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (NewEvent event : events) {
                sequence++;
                Instant at = event.timestamp().truncatedTo(ChronoUnit.MICROS);
                insert.setLong(1, sequence);
                if (event.aggregateId() == null) {
                    insert.setNull(2, Types.VARCHAR);
                } else {
                    insert.setString(2, event.aggregateId());
                }
                insert.setLong(3, event.aggregateVersion());
                insert.setString(4, event.payloadName());
                insert.setString(5, event.json());
                insert.setString(6, MetadataJson.write(event.metadata()));
                insert.setString(7, event.context());
                insert.setObject(8, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                if (n > 1) {
                    insert.addBatch();
                }
                stored.add(new StoredEvent(sequence, event.aggregateId(), event.aggregateVersion(),
                        event.payloadName(), event.json(), event.context(), event.metadata(), at));
            }
            if (n > 1) {
                insert.executeBatch();
            } else {
                insert.executeUpdate();
            }
        }
        return stored;
    }

    /**
     * Moves the head of the global sequence by {@code n} and returns the new head, taking the head row's lock
     * until the transaction ends. On PostgreSQL and H2 one statement does both, so the lock is held one round
     * trip less and no JPQL is translated per append; elsewhere an {@code UPDATE} and a {@code SELECT}.
     */
    private long advanceSequence(int n) {
        String returning = returningStatement(lifecycle == null ? databaseProduct : lifecycle.databaseProduct());
        if (returning != null) {
            List<?> heads = entityManager.createNativeQuery(returning).setParameter(1, (long) n).getResultList();
            if (heads.size() != 1) {
                throw missingHead();
            }
            return ((Number) heads.get(0)).longValue();
        }
        int updated = entityManager.createQuery(
                "UPDATE RecqSequence s SET s.lastAssigned = s.lastAssigned + :n WHERE s.name = :name")
                .setParameter("n", (long) n)
                .setParameter("name", SequenceHead.EVENTS)
                .executeUpdate();
        if (updated != 1) {
            throw missingHead();
        }
        return entityManager.createQuery("SELECT s.lastAssigned FROM RecqSequence s WHERE s.name = :name", Long.class)
                .setParameter("name", SequenceHead.EVENTS)
                .getSingleResult();
    }

    /**
     * @param product the database product name, or {@code null} when unknown
     * @return the one statement that moves the head and returns it, or {@code null} when the database has none
     */
    static String returningStatement(String product) {
        String p = product == null ? "" : product.toLowerCase(java.util.Locale.ROOT);
        String update = "UPDATE recq_sequence SET last_assigned = last_assigned + ?1 WHERE name = '"
                + SequenceHead.EVENTS + "'";
        if (p.contains("postgres")) {
            return update + " RETURNING last_assigned";
        }
        if (p.contains("h2")) {
            return "SELECT last_assigned FROM FINAL TABLE (" + update + ")";
        }
        return null;
    }

    private static IllegalStateException missingHead() {
        return new IllegalStateException(ErrorCode.STORE_SCHEMA_INVALID.code() + " the row 'events' of "
                + "recq_sequence is missing. Fix: restart the application so that the store completes its "
                + "schema, or insert ('events', <highest global_sequence>) into recq_sequence");
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public List<StoredEvent> load(String aggregateId, long afterVersion) {
        ensureSchema();
        try {
            if (jdbcReads()) {
                return ContextConnection.run(entityManager, connection -> select(connection, LOAD, statement -> {
                    statement.setString(1, aggregateId);
                    statement.setLong(2, afterVersion);
                }));
            }
            try (StoreReads.Context read = StoreReads.open(reads, entityManager)) {
                return read.entityManager().createQuery("SELECT e FROM RecqEvent e WHERE e.aggregateId = :id "
                        + "AND e.aggregateVersion > :after ORDER BY e.aggregateVersion", EventEntry.class)
                        .setParameter("id", aggregateId)
                        .setParameter("after", afterVersion)
                        .setHint(READ_ONLY, true)
                        .getResultList().stream().map(JpaEventStore::toStored).toList();
            }
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "load of aggregate " + aggregateId);
        }
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public List<StoredEvent> read(long fromSequence, int max) {
        if (max <= 0) {
            return List.of();
        }
        ensureSchema();
        try {
            if (jdbcReads()) {
                return ContextConnection.run(entityManager, connection -> select(connection, READ, statement -> {
                    statement.setLong(1, fromSequence);
                    statement.setInt(2, max);
                }));
            }
            try (StoreReads.Context read = StoreReads.open(reads, entityManager)) {
                return read.entityManager().createQuery("SELECT e FROM RecqEvent e WHERE e.sequence >= :from "
                        + "ORDER BY e.sequence", EventEntry.class)
                        .setParameter("from", fromSequence)
                        .setMaxResults(max)
                        .setHint(READ_ONLY, true)
                        .getResultList().stream().map(JpaEventStore::toStored).toList();
            }
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "read from sequence " + fromSequence);
        }
    }

    /**
     * @return whether reads take the JDBC way on the persistence context's connection: on PostgreSQL and H2, in
     *         a transaction (whose connection the read shares; outside one the provider's query opens and closes
     *         its own), or on an entity manager whose transactions the caller controls. Events are never changed,
     *         so the provider's entities, with their snapshots and the flush's check of them, would be cost
     *         without use.
     */
    private boolean jdbcReads() {
        if (!ContextConnection.shortWay(lifecycle == null ? databaseProduct : lifecycle.databaseProduct())) {
            return false;
        }
        return resources == null || resources.transactionSynchronizationRegistry().getTransactionKey() != null;
    }

    private static List<StoredEvent> select(Connection connection, String sql, Parameters parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.set(statement);
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    events.add(new StoredEvent(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4),
                            row.getString(5), row.getString(7), MetadataJson.read(row.getString(6)),
                            row.getObject(8, OffsetDateTime.class).toInstant()));
                }
            }
            return events;
        }
    }

    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public Optional<AggregateSnapshot> loadSnapshot(String aggregateId) {
        ensureSchema();
        try (StoreReads.Context read = StoreReads.open(reads, entityManager)) {
            SnapshotEntry entry = read.entityManager().find(SnapshotEntry.class, aggregateId);
            return Optional.ofNullable(entry).map(e -> new AggregateSnapshot(e.getAggregateId(),
                    e.getAggregateType(), e.getAggregateVersion(), e.getState(), e.getTakenAt().toInstant()));
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "load of the snapshot of aggregate " + aggregateId);
        }
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void storeSnapshot(AggregateSnapshot snapshot) {
        ensureSchema();
        try {
            SnapshotEntry entry = entityManager.find(SnapshotEntry.class, snapshot.aggregateId());
            if (entry == null) {
                entry = new SnapshotEntry(snapshot.aggregateId());
                entry.update(snapshot.aggregateType(), snapshot.aggregateVersion(), snapshot.stateJson(),
                        OffsetDateTime.ofInstant(snapshot.timestamp(), ZoneOffset.UTC));
                entityManager.persist(entry);
            } else if (entry.getAggregateVersion() < snapshot.aggregateVersion()) {
                entry.update(snapshot.aggregateType(), snapshot.aggregateVersion(), snapshot.stateJson(),
                        OffsetDateTime.ofInstant(snapshot.timestamp(), ZoneOffset.UTC));
            }
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "snapshot of aggregate " + snapshot.aggregateId());
        }
    }

    private void ensureSchema() {
        if (lifecycle != null && !lifecycle.schemaReady()) {
            lifecycle.ensureSchema();
        }
    }

    static StoredEvent toStored(EventEntry e) {
        return new StoredEvent(e.getSequence(), e.getAggregateId(), e.getAggregateVersion(), e.getPayloadType(),
                e.getPayload(), e.getContext(), MetadataJson.read(e.getMetadata()), e.getStoredAt().toInstant());
    }
}
