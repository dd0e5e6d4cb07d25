package io.recq.jpa.event.dead;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.recq.cdi.spi.DeadEvent;
import io.recq.cdi.spi.DeadEventStore;
import io.recq.jpa.RecqPersistence;
import io.recq.jpa.StoreFailures;
import io.recq.jpa.StoreReads;
import io.recq.jpa.schema.StoreLifecycle;

/**
 * The {@link DeadEventStore} on Jakarta Persistence: one row per dead event in {@code recq_dead_events}.
 */
@Singleton
public class JpaDeadEventStore implements DeadEventStore {

    @PersistenceContext(unitName = RecqPersistence.UNIT)
    EntityManager entityManager;

    @Inject
    StoreReads reads;

    @Inject
    StoreLifecycle lifecycle;

    protected JpaDeadEventStore() {
        // for CDI
    }

    /**
     * A store on an entity manager whose transactions the caller controls, over tables that exist.
     *
     * @param entityManager an entity manager of the unit {@value RecqPersistence#UNIT}
     */
    public JpaDeadEventStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public DeadEvent add(DeadEvent event) {
        ensureSchema();
        try {
            DeadEventEntry entry = new DeadEventEntry(event.consumerId(), event.sequence(), event.payloadName(),
                    event.handler(), event.errorClass(), event.errorMessage(), event.attempts(), utc(event.deadSince()),
                    utc(event.lastAttempt()));
            entry.trace(event.errorTrace());
            entityManager.persist(entry);
            entityManager.flush();
            return toDeadEvent(entry);
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "dead event " + event.sequence() + " of consumer " + event.consumerId());
        }
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public List<DeadEvent> list(String consumerId, int max) {
        ensureSchema();
        if (max <= 0) {
            return List.of();
        }
        try (StoreReads.Context read = StoreReads.open(reads, entityManager)) {
            TypedQuery<DeadEventEntry> query = consumerId == null
                    ? read.entityManager().createQuery("SELECT d FROM RecqDeadEvent d ORDER BY d.sequence, d.id",
                            DeadEventEntry.class)
                    : read.entityManager().createQuery("SELECT d FROM RecqDeadEvent d WHERE d.consumerId = :consumer "
                            + "ORDER BY d.sequence, d.id", DeadEventEntry.class).setParameter("consumer", consumerId);
            return query.setMaxResults(max).getResultList().stream().map(JpaDeadEventStore::toDeadEvent).toList();
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "list of dead events");
        }
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public Optional<DeadEvent> find(long id) {
        ensureSchema();
        try (StoreReads.Context read = StoreReads.open(reads, entityManager)) {
            return Optional.ofNullable(read.entityManager().find(DeadEventEntry.class, id)).map(JpaDeadEventStore::toDeadEvent);
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "read of dead event " + id);
        }
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public void recordAttempt(long id, String errorClass, String errorMessage, Instant at) {
        recordAttempt(id, errorClass, errorMessage, null, at);
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public void recordAttempt(long id, String errorClass, String errorMessage, String errorTrace, Instant at) {
        ensureSchema();
        try {
            DeadEventEntry entry = entityManager.find(DeadEventEntry.class, id);
            if (entry != null) {
                entry.failedAgain(errorClass, errorMessage, errorTrace, utc(at));
                entityManager.flush();
            }
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "record of a retry of dead event " + id);
        }
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean delete(long id) {
        ensureSchema();
        try {
            DeadEventEntry entry = entityManager.find(DeadEventEntry.class, id);
            if (entry == null) {
                return false;
            }
            entityManager.remove(entry);
            entityManager.flush();
            return true;
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "removal of dead event " + id);
        }
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public Map<String, Long> countByConsumer() {
        ensureSchema();
        try (StoreReads.Context read = StoreReads.open(reads, entityManager)) {
            Map<String, Long> counts = new LinkedHashMap<>();
            read.entityManager().createQuery("SELECT d.consumerId, COUNT(d) FROM RecqDeadEvent d GROUP BY d.consumerId "
                    + "ORDER BY d.consumerId", Object[].class)
                    .getResultList()
                    .forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
            return counts;
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "count of dead events");
        }
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean requestRetry(long id, Instant at) {
        ensureSchema();
        try {
            return entityManager.createQuery("UPDATE RecqDeadEvent d SET d.retryRequestedAt = :at WHERE d.id = :id")
                    .setParameter("at", utc(at)).setParameter("id", id).executeUpdate() == 1;
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "retry request of dead event " + id);
        }
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public List<DeadEvent> retryRequests(Collection<String> consumerIds, int max) {
        ensureSchema();
        if (consumerIds.isEmpty() || max <= 0) {
            return List.of();
        }
        try (StoreReads.Context read = StoreReads.open(reads, entityManager)) {
            return read.entityManager().createQuery("SELECT d FROM RecqDeadEvent d WHERE d.retryRequestedAt IS NOT NULL "
                    + "AND d.consumerId IN :consumers ORDER BY d.retryRequestedAt, d.id", DeadEventEntry.class)
                    .setParameter("consumers", consumerIds).setMaxResults(max).getResultList().stream()
                    .map(JpaDeadEventStore::toDeadEvent).toList();
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "list of dead event retry requests");
        }
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean claimRetry(long id) {
        ensureSchema();
        try {
            return entityManager.createQuery("UPDATE RecqDeadEvent d SET d.retryRequestedAt = NULL WHERE d.id = :id "
                    + "AND d.retryRequestedAt IS NOT NULL").setParameter("id", id).executeUpdate() == 1;
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "claim of the retry request of dead event " + id);
        }
    }

    private static DeadEvent toDeadEvent(DeadEventEntry e) {
        return new DeadEvent(e.getId() == null ? 0 : e.getId(), e.getConsumerId(), e.getSequence(), e.getPayloadType(),
                e.getHandler(), e.getErrorClass(), e.getErrorMessage(), e.getAttempts(), e.getDeadSince().toInstant(),
                e.getLastAttempt().toInstant(), e.getErrorTrace());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private void ensureSchema() {
        if (lifecycle != null && !lifecycle.schemaReady()) {
            lifecycle.ensureSchema();
        }
    }
}
