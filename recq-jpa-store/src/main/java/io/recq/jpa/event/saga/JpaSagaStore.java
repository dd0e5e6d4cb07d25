package io.recq.jpa.event.saga;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.recq.cdi.spi.SagaInstance;
import io.recq.cdi.spi.SagaStore;
import io.recq.jpa.RecqPersistence;
import io.recq.jpa.StoreFailures;
import io.recq.jpa.StoreReads;
import io.recq.jpa.schema.StoreLifecycle;

/**
 * The {@link SagaStore} on Jakarta Persistence: {@code recq_sagas} holds each instance's state as JSON,
 * {@code recq_saga_associations} its associations, indexed by (saga type, property, value). Everything joins
 * the saga consumer's transaction.
 */
@Singleton
public class JpaSagaStore implements SagaStore {

    @PersistenceContext(unitName = RecqPersistence.UNIT)
    EntityManager entityManager;

    @Inject
    StoreReads reads;

    @Inject
    StoreLifecycle lifecycle;

    private Clock clock = Clock.systemUTC();

    protected JpaSagaStore() {
        // for CDI
    }

    /**
     * A store on an entity manager whose transactions the caller controls, over tables that exist.
     *
     * @param entityManager an entity manager of the unit {@value RecqPersistence#UNIT}
     */
    public JpaSagaStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public List<SagaInstance> findByAssociation(String sagaType, String property, String value) {
        ensureSchema();
        try {
            List<SagaEntry> sagas = entityManager.createQuery("SELECT s FROM RecqSaga s WHERE s.sagaId IN ("
                    + "SELECT a.sagaId FROM RecqSagaAssociation a WHERE a.sagaType = :type AND a.property = :property "
                    + "AND a.value = :value) ORDER BY s.sagaId", SagaEntry.class)
                    .setParameter("type", sagaType)
                    .setParameter("property", property)
                    .setParameter("value", value)
                    .getResultList();
            if (sagas.isEmpty()) {
                return List.of();
            }
            Map<String, Map<String, String>> associations = new HashMap<>();
            entityManager.createQuery("SELECT a FROM RecqSagaAssociation a WHERE a.sagaId IN :ids",
                    SagaAssociationEntry.class)
                    .setParameter("ids", sagas.stream().map(SagaEntry::getSagaId).toList())
                    .getResultList()
                    .forEach(a -> associations.computeIfAbsent(a.getSagaId(), k -> new LinkedHashMap<>())
                            .put(a.getProperty(), a.getValue()));
            List<SagaInstance> found = new ArrayList<>(sagas.size());
            for (SagaEntry saga : sagas) {
                found.add(new SagaInstance(saga.getSagaId(), saga.getSagaType(), saga.getState(),
                        associations.getOrDefault(saga.getSagaId(), Map.of())));
            }
            return found;
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "lookup of saga " + sagaType + " by " + property + "=" + value);
        }
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void save(SagaInstance instance) {
        ensureSchema();
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            SagaEntry entry = entityManager.find(SagaEntry.class, instance.sagaId());
            if (entry == null) {
                entityManager.persist(new SagaEntry(instance.sagaId(), instance.sagaType(), instance.stateJson(), now));
            } else {
                entry.update(instance.stateJson(), now);
            }
            Map<String, SagaAssociationEntry> existing = new HashMap<>();
            entityManager.createQuery("SELECT a FROM RecqSagaAssociation a WHERE a.sagaId = :id",
                    SagaAssociationEntry.class)
                    .setParameter("id", instance.sagaId())
                    .getResultList()
                    .forEach(a -> existing.put(a.getProperty(), a));
            for (Map.Entry<String, String> association : instance.associations().entrySet()) {
                SagaAssociationEntry current = existing.remove(association.getKey());
                if (current == null) {
                    entityManager.persist(new SagaAssociationEntry(instance.sagaId(), instance.sagaType(),
                            association.getKey(), association.getValue()));
                } else if (!current.getValue().equals(association.getValue())) {
                    current.setValue(association.getValue());
                }
            }
            existing.values().forEach(entityManager::remove);
            entityManager.flush();
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "save of saga instance " + instance.sagaId() + " ("
                    + instance.sagaType() + ")");
        }
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void delete(String sagaId) {
        ensureSchema();
        try {
            entityManager.createQuery("SELECT a FROM RecqSagaAssociation a WHERE a.sagaId = :id",
                    SagaAssociationEntry.class)
                    .setParameter("id", sagaId)
                    .getResultList()
                    .forEach(entityManager::remove);
            SagaEntry entry = entityManager.find(SagaEntry.class, sagaId);
            if (entry != null) {
                entityManager.remove(entry);
            }
            entityManager.flush();
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "removal of saga instance " + sagaId);
        }
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public long count(String sagaType) {
        ensureSchema();
        try (StoreReads.Context read = StoreReads.open(reads, entityManager)) {
            return read.entityManager().createQuery("SELECT COUNT(s) FROM RecqSaga s WHERE s.sagaType = :type", Long.class)
                    .setParameter("type", sagaType)
                    .getSingleResult();
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "count of saga " + sagaType);
        }
    }

    private void ensureSchema() {
        if (lifecycle != null && !lifecycle.schemaReady()) {
            lifecycle.ensureSchema();
        }
    }
}
