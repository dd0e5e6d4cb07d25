package io.recq.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import io.recq.jpa.schema.StoreSchema;

/**
 * A real database for store tests in Java SE, with the shipped persistence unit bootstrapped by Hibernate
 * in resource-local mode: a fresh in-memory H2, or a fresh schema in the local PostgreSQL
 * (127.0.0.1:5432, database {@code test}, user {@code postgres}), dropped on {@link #close()}.
 */
public final class StoreDatabase implements AutoCloseable {

    /** The databases the store is tested on. */
    public enum Kind {
        H2, POSTGRESQL
    }

    private static final String PG_URL = System.getProperty("recq.test.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("recq.test.postgresql.user", "postgres");

    private final Kind kind;
    private final String schema;
    private final DataSource dataSource;
    private final EntityManagerFactory factory;

    private StoreDatabase(Kind kind) {
        this.kind = kind;
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (kind == Kind.H2) {
            schema = null;
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:recq_" + suffix + ";DB_CLOSE_DELAY=-1");
            dataSource = h2;
        } else {
            schema = "recq_store_test_" + suffix;
            execute("CREATE SCHEMA " + schema);
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(PG_URL);
            pg.setUser(PG_USER);
            pg.setCurrentSchema(schema);
            dataSource = pg;
        }
        StoreSchema.ensure(dataSource);
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.jtaDataSource", null);
        properties.put("jakarta.persistence.nonJtaDataSource", dataSource);
        properties.put("hibernate.show_sql", "false");
        factory = Persistence.createEntityManagerFactory(RecqPersistence.UNIT, properties);
    }

    /**
     * @param kind the database
     * @return a fresh store database with the schema created from the shipped script
     */
    public static StoreDatabase create(Kind kind) {
        return new StoreDatabase(kind);
    }

    public Kind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * @return a new entity manager of the unit; the caller closes it
     */
    public EntityManager entityManager() {
        return factory.createEntityManager();
    }

    /**
     * Runs work in one committed transaction.
     *
     * @param work the work
     * @param <T> its result
     * @return its result
     */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    /**
     * Empties the store's tables and resets the sequence.
     */
    public void clear() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM recq_events");
            s.execute("DELETE FROM recq_snapshots");
            s.execute("DELETE FROM recq_idempotency");
            s.execute("UPDATE recq_sequence SET last_assigned = 0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        factory.close();
        if (kind == Kind.H2) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // already gone
            }
        } else {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The store tests need the local PostgreSQL at " + PG_URL + " (user "
                    + PG_USER + "): " + e.getMessage(), e);
        }
    }
}
