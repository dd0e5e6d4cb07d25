package io.recq.jpa.command;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.recq.cdi.spi.CommandOutbox;
import io.recq.cdi.spi.OutgoingCommand;
import io.recq.jpa.MetadataJson;
import io.recq.jpa.RecqPersistence;
import io.recq.jpa.StoreFailures;
import io.recq.jpa.StoreReads;
import io.recq.jpa.schema.StoreLifecycle;

/**
 * The {@link CommandOutbox} on Jakarta Persistence: one row per command in {@code recq_outbox}, written in
 * the sender's transaction and removed once the broker has the command. A forward that is repeated (a node
 * dies after sending, before removing; two nodes sweep the same row) carries the same message id, which the
 * receiving inbox answers without handling the command again.
 */
@Singleton
public class JpaCommandOutbox implements CommandOutbox {

    /** Orders the sends of one node within one instant; the clock orders the rest. */
    private static final AtomicLong SENDS = new AtomicLong();

    @PersistenceContext(unitName = RecqPersistence.UNIT)
    EntityManager entityManager;

    @Inject
    StoreReads reads;

    @Inject
    StoreLifecycle lifecycle;

    protected JpaCommandOutbox() {
        // for CDI
    }

    /**
     * An outbox on an entity manager whose transactions the caller controls, over tables that exist.
     *
     * @param entityManager an entity manager of the unit {@value RecqPersistence#UNIT}
     */
    public JpaCommandOutbox(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void add(OutgoingCommand command) {
        ensureSchema();
        try {
            entityManager.persist(new OutboxEntry(command.messageId(), command.payloadName(), command.json(),
                    command.routingKey(), MetadataJson.write(command.metadata()),
                    OffsetDateTime.ofInstant(command.createdAt(), ZoneOffset.UTC), SENDS.incrementAndGet()));
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "outbox write of the command " + command.payloadName() + " ("
                    + command.messageId() + ")");
        }
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public List<OutgoingCommand> pending(Instant writtenBefore, int max) {
        ensureSchema();
        try {
            List<OutboxEntry> entries = entityManager.createQuery("SELECT o FROM RecqOutbox o WHERE o.createdAt < "
                    + ":before ORDER BY o.createdAt, o.sendOrder", OutboxEntry.class)
                    .setParameter("before", OffsetDateTime.ofInstant(writtenBefore, ZoneOffset.UTC))
                    .setMaxResults(max)
                    .getResultList();
            List<OutgoingCommand> commands = new ArrayList<>(entries.size());
            for (OutboxEntry entry : entries) {
                commands.add(new OutgoingCommand(entry.getMessageId(), entry.getPayloadType(), entry.getPayload(),
                        entry.getRoutingKey(), MetadataJson.read(entry.getMetadata()),
                        entry.getCreatedAt().toInstant()));
            }
            return commands;
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "outbox sweep");
        }
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public Set<String> stored(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        ensureSchema();
        try {
            return new HashSet<>(entityManager.createQuery("SELECT o.messageId FROM RecqOutbox o WHERE o.messageId "
                    + "IN :ids", String.class)
                    .setParameter("ids", messageIds)
                    .getResultList());
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "outbox lookup of " + messageIds.size() + " commands");
        }
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public int remove(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        ensureSchema();
        try {
            return entityManager.createQuery("DELETE FROM RecqOutbox o WHERE o.messageId IN :ids")
                    .setParameter("ids", messageIds)
                    .executeUpdate();
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "outbox removal of " + messageIds.size() + " forwarded commands");
        }
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public long count() {
        ensureSchema();
        try (StoreReads.Context read = StoreReads.open(reads, entityManager)) {
            return read.entityManager().createQuery("SELECT COUNT(o) FROM RecqOutbox o", Long.class).getSingleResult();
        } catch (PersistenceException e) {
            throw StoreFailures.translate(e, "outbox count");
        }
    }

    private void ensureSchema() {
        if (lifecycle != null && !lifecycle.schemaReady()) {
            lifecycle.ensureSchema();
        }
    }
}
