package io.recq.jpa.schema;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;


import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.recq.cdi.command.CommandSettings;
import io.recq.cdi.runtime.RecqConfig;
import io.recq.cdi.runtime.RecqResources;
import io.recq.cdi.runtime.RuntimeStart;
import io.recq.cdi.spi.IdempotencyStore;
import io.recq.cdi.spi.TransientStoreException;
import io.recq.jpa.StoreDataSource;

/**
 * Starts the store with the application, before the rest of the runtime: completes and validates its tables
 * ({@link StoreSchema}) — an incomplete schema it cannot complete fails the deployment with
 * {@link InvalidStoreSchemaException}, an unreachable database only delays the check to the first use
 * (readiness is DOWN meanwhile) —, and
 * removes expired idempotency records every {@value RecqConfig#IDEMPOTENCY_CLEANUP_INTERVAL_MS}
 * milliseconds on the server's managed scheduled executor. The store's beans also call
 * {@link #ensureSchema()} before their first use, so that a consumer started before the application does
 * not meet missing tables.
 *
 * <p>The store's beans are {@link Singleton}s: one instance each, and (unlike a normal scope) not a
 * bean-defining annotation, so that they are added only by the RECQ extension from
 * {@code META-INF/recq/beans} although this jar is an {@code annotated} bean archive (see its beans.xml).
 */
@Singleton
public class StoreLifecycle {

    private static final Logger LOG = Logger.getLogger(StoreLifecycle.class.getName());

    @Inject
    StoreDataSource dataSource;

    @Inject
    RecqResources resources;

    @Inject
    RecqConfig config;

    @Inject
    Instance<IdempotencyStore> idempotencyStore;

    private volatile boolean schemaReady;
    private volatile String databaseProduct;
    private ScheduledFuture<?> cleanup;

    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) RuntimeStart start) {
        try {
            ensureSchema();
        } catch (InvalidStoreSchemaException e) {
            // no command or event could be stored: fail the deployment, before any consumer starts
            LOG.severe(e::getMessage);
            throw e;
        } catch (TransientStoreException e) {
            // the database is down now: readiness says so, and the first use completes the schema
            LOG.log(Level.WARNING, "RECQ could not prepare its store at start-up; it tries again on first use", e);
        }
        long interval = config.getLong(RecqConfig.IDEMPOTENCY_CLEANUP_INTERVAL_MS, Duration.ofHours(1).toMillis());
        if (interval > 0) {
            cleanup = resources.scheduledExecutor().scheduleWithFixedDelay(this::removeExpiredIdempotencyRecords, interval, interval,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Creates and validates the store's tables once per deployment, outside any transaction of the caller.
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public void ensureSchema() {
        if (schemaReady) {
            return;
        }
        synchronized (this) {
            if (!schemaReady) {
                databaseProduct = StoreSchema.ensure(dataSource.get());
                schemaReady = true;
            }
        }
    }

    /**
     * @return whether the tables were created and validated; a plain read, so that the stores can skip the
     *         transaction suspension of {@link #ensureSchema()} on every call once it has succeeded
     */
    public boolean schemaReady() {
        return schemaReady;
    }

    /**
     * @return the store database's product name as its JDBC driver reports it, once {@link #ensureSchema()}
     *         has succeeded; {@code null} before
     */
    public String databaseProduct() {
        return databaseProduct;
    }

    /**
     * Removes idempotency records older than {@value RecqConfig#IDEMPOTENCY_RETENTION_MS}.
     *
     * @return how many were removed
     */
    public int removeExpiredIdempotencyRecords() {
        try {
            long retention = config.getLong(RecqConfig.IDEMPOTENCY_RETENTION_MS,
                    CommandSettings.DEFAULT_IDEMPOTENCY_RETENTION.toMillis());
            int removed = idempotencyStore.get().deleteOlderThan(Instant.now().minusMillis(retention));
            if (removed > 0) {
                LOG.fine(() -> "RECQ removed " + removed + " expired idempotency record(s)");
            }
            return removed;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RECQ could not remove expired idempotency records; trying again later", e);
            return 0;
        }
    }

    @PreDestroy
    void stop() {
        if (cleanup != null) {
            cleanup.cancel(false);
        }
    }
}
