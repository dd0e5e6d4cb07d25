package io.recq.jpa.command;

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
import io.recq.jpa.RecqPersistence;
import io.recq.jpa.StoreFailures;
import io.recq.jpa.schema.StoreLifecycle;

/**
 * The {@link IdempotencyStore} on Jakarta Persistence: one row per key in {@code recq_idempotency}, the key
 * being the primary key. A concurrent duplicate fails on insert ({@link ConcurrentAppendException}); the
 * command is then delivered again and finds the record of the transaction that won. A record is inserted
 * with the transaction's next flush: the append of the command's events, or its commit.
 */
@Singleton
public class JpaIdempotencyStore implements IdempotencyStore {

    @PersistenceContext(unitName = RecqPersistence.UNIT)
    EntityManager entityManager;

    @Inject
    StoreLifecycle lifecycle;

    protected JpaIdempotencyStore() {
        // for CDI
    }

    /**
     * A store on an entity manager whose transactions the caller controls, over tables that exist.
     *
     * @param entityManager an entity manager of the unit {@value RecqPersistence#UNIT}
     */
    public JpaIdempotencyStore(EntityManager entityManager) {
        this.entityManager = entityManager;
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
            entityManager.persist(new IdempotencyEntry(record.key(), record.commandName(), record.resultName(),
                    record.resultJson(), OffsetDateTime.ofInstant(record.recordedAt(), ZoneOffset.UTC)));
            // no flush of its own: the events' append flushes it (before it takes the sequence lock), or the
            // commit does; a duplicate key fails there
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "record of the idempotency key " + record.key());
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
