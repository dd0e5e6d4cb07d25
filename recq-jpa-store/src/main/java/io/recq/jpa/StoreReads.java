package io.recq.jpa;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;

import io.recq.cdi.runtime.RecqResources;

/**
 * The persistence context of the store's reads outside a transaction (positions, heads, the trackers' reads of
 * events).
 *
 * <p>A container-managed entity manager used outside a transaction lends a new persistence context for each call,
 * which the server closes when the calling component's invocation ends. RECQ's own threads live as long as the
 * deployment, in one invocation: Payara closes such a context when another thread's invocation of the same
 * component ends, under the reader's feet. Outside a transaction the store therefore reads through an entity
 * manager of its own, opened from the persistence unit's factory and closed after the read — what the container
 * does, without depending on the invocation. In a transaction it reads through the transaction's context.
 */
@Singleton
public class StoreReads {

    @PersistenceUnit(unitName = RecqPersistence.UNIT)
    EntityManagerFactory factory;

    @Inject
    RecqResources resources;

    /**
     * @param reads the store's reads, or {@code null} for an entity manager whose transactions the caller controls
     * @param transactional the store's container-managed entity manager
     * @return the persistence context to read with; close it after the read
     */
    public static Context open(StoreReads reads, EntityManager transactional) {
        if (reads == null || reads.factory == null || reads.resources == null
                || reads.resources.transactionSynchronizationRegistry().getTransactionKey() != null) {
            return new Context(transactional, false);
        }
        return new Context(reads.factory.createEntityManager(), true);
    }

    /** A persistence context for one read. */
    public static final class Context implements AutoCloseable {

        private final EntityManager entityManager;
        private final boolean owned;

        Context(EntityManager entityManager, boolean owned) {
            this.entityManager = entityManager;
            this.owned = owned;
        }

        /**
         * @return the entity manager to read with
         */
        public EntityManager entityManager() {
            return entityManager;
        }

        @Override
        public void close() {
            if (owned) {
                entityManager.close();
            }
        }
    }
}
