package io.recq.jpa.event.consumer;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.ConsumerPosition;
import io.recq.cdi.spi.ConsumerStore;
import io.recq.cdi.spi.LeaseLostException;
import io.recq.jpa.RecqPersistence;
import io.recq.jpa.StoreFailures;
import io.recq.jpa.StoreReads;
import io.recq.jpa.schema.StoreLifecycle;

/**
 * The {@link ConsumerStore} on Jakarta Persistence: one row per consumer in {@code recq_consumers}.
 *
 * <p><b>Claiming</b> locks the consumer's row ({@code SELECT ... FOR UPDATE}) and takes the lease when it is
 * free, expired, or the claimant's own. <b>Advancing</b> is one {@code UPDATE ... WHERE owner = ? AND
 * last_sequence = ?} in the consumer's transaction: it fails unless the caller still holds the lease and
 * nobody moved the position, and its row lock makes a concurrent claim wait until the transaction ends, so
 * the effects of one event commit once even while a lease changes hands. Lease expiry is compared with the
 * clock of the node that claims, so node clocks must agree to well within a lease (NTP).
 */
@Singleton
public class JpaConsumerStore implements ConsumerStore {

    @PersistenceContext(unitName = RecqPersistence.UNIT)
    EntityManager entityManager;

    @Inject
    StoreReads reads;

    @Inject
    StoreLifecycle lifecycle;

    private Clock clock = Clock.systemUTC();

    protected JpaConsumerStore() {
        // for CDI
    }

    /**
     * A store on an entity manager whose transactions the caller controls, over tables that exist.
     *
     * @param entityManager an entity manager of the unit {@value RecqPersistence#UNIT}
     * @param clock the clock that decides whether a lease has expired
     */
    public JpaConsumerStore(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public long head() {
        ensureSchema();
        try (StoreReads.Context read = StoreReads.open(reads, entityManager)) {
            Long max = read.entityManager().createQuery("SELECT MAX(e.sequence) FROM RecqEvent e", Long.class)
                    .getSingleResult();
            return max == null ? 0 : max;
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "read of the head of the event store");
        }
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Long> claim(String consumerId, String owner, Instant leaseUntil, long initialPosition) {
        ensureSchema();
        OffsetDateTime now = now();
        try {
            ConsumerEntry entry = entityManager.find(ConsumerEntry.class, consumerId, LockModeType.PESSIMISTIC_WRITE);
            if (entry == null) {
                entry = new ConsumerEntry(consumerId, initialPosition, owner, utc(leaseUntil), now);
                entityManager.persist(entry);
                entityManager.flush();
                return Optional.of(initialPosition);
            }
            boolean free = entry.getOwner() == null || entry.getLeaseUntil() == null
                    || entry.getLeaseUntil().isBefore(now);
            if (!free && !owner.equals(entry.getOwner())) {
                return Optional.empty();
            }
            entry.lease(owner, utc(leaseUntil), now);
            entityManager.flush();
            return Optional.of(entry.getPosition());
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "claim of consumer " + consumerId + " by node " + owner);
        }
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean renew(String consumerId, String owner, Instant leaseUntil) {
        ensureSchema();
        try {
            return entityManager.createQuery("UPDATE RecqConsumer c SET c.leaseUntil = :until, c.updatedAt = :now "
                    + "WHERE c.consumerId = :id AND c.owner = :owner")
                    .setParameter("until", utc(leaseUntil))
                    .setParameter("now", now())
                    .setParameter("id", consumerId)
                    .setParameter("owner", owner)
                    .executeUpdate() == 1;
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "renewal of the lease of consumer " + consumerId + " by node " + owner);
        }
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public void release(String consumerId, String owner) {
        ensureSchema();
        try {
            entityManager.createQuery("UPDATE RecqConsumer c SET c.owner = NULL, c.leaseUntil = NULL, "
                    + "c.updatedAt = :now WHERE c.consumerId = :id AND c.owner = :owner")
                    .setParameter("now", now())
                    .setParameter("id", consumerId)
                    .setParameter("owner", owner)
                    .executeUpdate();
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "release of the lease of consumer " + consumerId + " by node " + owner);
        }
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void advance(String consumerId, String owner, long from, long to, Instant leaseUntil,
            boolean forgetHandled) {
        ensureSchema();
        int updated;
        try {
            // native: the statement runs once per batch of every consumer, and a JPQL bulk update is
            // translated to SQL again on each call
            updated = entityManager.createNativeQuery("UPDATE recq_consumers SET last_sequence = ?1, "
                    + "lease_until = ?2, updated_at = ?3 WHERE consumer_id = ?4 AND owner_node = ?5 "
                    + "AND last_sequence = ?6")
                    .setParameter(1, to)
                    .setParameter(2, utc(leaseUntil))
                    .setParameter(3, now())
                    .setParameter(4, consumerId)
                    .setParameter(5, owner)
                    .setParameter(6, from)
                    .executeUpdate();
            if (updated == 1 && forgetHandled) {
                entityManager.createQuery("DELETE FROM RecqHandledEvent h WHERE h.consumerId = :id "
                        + "AND h.sequence <= :to")
                        .setParameter("id", consumerId)
                        .setParameter("to", to)
                        .executeUpdate();
            }
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "move of consumer " + consumerId + " from " + from + " to " + to);
        }
        if (updated != 1) {
            throw new LeaseLostException(ErrorCode.LEASE_LOST.code() + " consumer " + consumerId + ": node " + owner
                    + " cannot move the position from " + from + " to " + to + " because it no longer holds the "
                    + "lease or the position has moved. Nothing is lost: the node that holds the lease goes on");
        }
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Long> reset(String consumerId, long position) {
        ensureSchema();
        try {
            ConsumerEntry entry = entityManager.find(ConsumerEntry.class, consumerId, LockModeType.PESSIMISTIC_WRITE);
            if (entry == null) {
                return Optional.empty();
            }
            long before = entry.getPosition();
            entityManager.createQuery("UPDATE RecqConsumer c SET c.position = :position, c.owner = NULL, "
                    + "c.leaseUntil = NULL, c.updatedAt = :now WHERE c.consumerId = :id")
                    .setParameter("position", position)
                    .setParameter("now", now())
                    .setParameter("id", consumerId)
                    .executeUpdate();
            entityManager.createQuery("DELETE FROM RecqHandledEvent h WHERE h.consumerId = :id AND h.sequence > "
                    + ":position").setParameter("id", consumerId).setParameter("position", position).executeUpdate();
            return Optional.of(before);
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "reset of consumer " + consumerId + " to position " + position);
        }
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public List<ConsumerPosition> positions() {
        ensureSchema();
        try (StoreReads.Context read = StoreReads.open(reads, entityManager)) {
            return read.entityManager().createQuery("SELECT c FROM RecqConsumer c ORDER BY c.consumerId", ConsumerEntry.class)
                    .getResultList().stream()
                    .map(c -> new ConsumerPosition(c.getConsumerId(), c.getPosition(), c.getOwner(),
                            c.getLeaseUntil() == null ? null : c.getLeaseUntil().toInstant()))
                    .toList();
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "read of the consumers' positions");
        }
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public boolean isHandled(String consumerId, long sequence) {
        ensureSchema();
        try (StoreReads.Context read = StoreReads.open(reads, entityManager)) {
            return read.entityManager().find(HandledEventEntry.class, new HandledEventEntry.Key(consumerId, sequence)) != null;
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "read of handled event " + sequence + " of consumer " + consumerId);
        }
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void markHandled(String consumerId, long sequence) {
        ensureSchema();
        try {
            if (entityManager.find(HandledEventEntry.class, new HandledEventEntry.Key(consumerId, sequence)) == null) {
                entityManager.persist(new HandledEventEntry(consumerId, sequence));
                entityManager.flush();
            }
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "record of handled event " + sequence + " of consumer " + consumerId);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private void ensureSchema() {
        if (lifecycle != null && !lifecycle.schemaReady()) {
            lifecycle.ensureSchema();
        }
    }
}
