package io.recq.jpa.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.recq.cdi.spi.ConcurrentAppendException;
import io.recq.cdi.spi.IdempotencyRecord;
import io.recq.cdi.spi.IdempotencyStore;
import io.recq.jpa.ContextConnection;
import io.recq.jpa.RecqPersistence;
import io.recq.jpa.StoreFailures;
import io.recq.jpa.schema.StoreLifecycle;

/**
 * The {@link IdempotencyStore} on Jakarta Persistence: one row per key in {@code recq_idempotency}, the key
 * being the primary key. A concurrent duplicate fails on insert ({@link ConcurrentAppendException}); the
 * command is then delivered again and finds the record of the transaction that won. On PostgreSQL and H2 a
 * record is inserted at once, in JDBC on the transaction's connection; elsewhere with the transaction's next
 * flush: the append of the command's events, or its commit.
 */
@Singleton
public class JpaIdempotencyStore implements IdempotencyStore {

    @PersistenceContext(unitName = RecqPersistence.UNIT)
    EntityManager entityManager;

    @Inject
    StoreLifecycle lifecycle;

    private String databaseProduct;

    protected JpaIdempotencyStore() {
        // for CDI
    }

    /**
     * A store on an entity manager whose transactions the caller controls, over tables that exist.
     *
     * @param entityManager an entity manager of the unit {@value RecqPersistence#UNIT}
     */
    public JpaIdempotencyStore(EntityManager entityManager) {
        this(entityManager, null);
    }

    /**
     * A store on an entity manager whose transactions the caller controls, over tables that exist, on a known
     * database: on PostgreSQL and H2 a record is then written as in the server.
     *
     * @param entityManager an entity manager of the unit {@value RecqPersistence#UNIT}
     * @param databaseProduct the JDBC database product name, or {@code null} when unknown
     */
    public JpaIdempotencyStore(EntityManager entityManager, String databaseProduct) {
        this.entityManager = entityManager;
        this.databaseProduct = databaseProduct;
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public Optional<IdempotencyRecord> find(String key, Instant notBefore) {
        ensureSchema();
        try {
            IdempotencyEntry entry = entityManager.find(IdempotencyEntry.class, key);
            if (entry == null) {
                return Optional.empty();
            }
            if (entry.getRecordedAt().toInstant().isBefore(notBefore)) {
                // outside the retention window: forget it now, before this command records the key again
                entityManager.remove(entry);
                entityManager.flush();
                return Optional.empty();
            }
            return Optional.of(new IdempotencyRecord(entry.getKey(), entry.getCommandType(), entry.getResultType(),
                    entry.getResult(), entry.getRecordedAt().toInstant()));
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "lookup of the idempotency key " + key);
        }
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void record(IdempotencyRecord record) {
        ensureSchema();
        try {
            if (ContextConnection.shortWay(lifecycle == null ? databaseProduct : lifecycle.databaseProduct())) {
                // one statement on the transaction's connection, at once: cheaper than the provider's flush
                ContextConnection.run(entityManager, connection -> insert(connection, record));
                return;
            }
            entityManager.persist(new IdempotencyEntry(record.key(), record.commandName(), record.resultName(),
                    record.resultJson(), OffsetDateTime.ofInstant(record.recordedAt(), ZoneOffset.UTC)));
            // elsewhere no flush of its own: the events' append flushes it (before it takes the sequence lock),
            // or the commit does; a duplicate key fails there
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "record of the idempotency key " + record.key());
        }
    }

    private static int insert(Connection connection, IdempotencyRecord record) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO recq_idempotency (idempotency_key, "
                + "command_type, result_type, result, recorded_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, record.key());
            insert.setString(2, record.commandName());
            insert.setString(3, record.resultName());
            insert.setString(4, record.resultJson());
            insert.setObject(5, OffsetDateTime.ofInstant(record.recordedAt(), ZoneOffset.UTC));
            return insert.executeUpdate();
        }
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public int deleteOlderThan(Instant before) {
        ensureSchema();
        try {
            return entityManager.createQuery("DELETE FROM RecqIdempotency i WHERE i.recordedAt < :before")
                    .setParameter("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                    .executeUpdate();
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "removal of idempotency records before " + before);
        }
    }

    private void ensureSchema() {
        if (lifecycle != null && !lifecycle.schemaReady()) {
            lifecycle.ensureSchema();
        }
    }
}
