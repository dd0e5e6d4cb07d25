package io.recq.jpa.event;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.persistence.EntityManager;

/**
 * JDBC work on the connection of a persistence context, in its transaction, where the provider offers it: with
 * Hibernate (WildFly's provider), {@code Session.doReturningWork}. Without Hibernate on the class path
 * ({@link #AVAILABLE} is {@code false}) the store keeps to JPA.
 */
final class ContextConnection {

    /** Whether the provider's connection can be reached. */
    static final boolean AVAILABLE = hibernatePresent();

    private ContextConnection() {
    }

    /**
     * @param entityManager the persistence context
     * @param work what to run on its connection
     * @param <T> the work's result
     * @return the work's result
     * @throws jakarta.persistence.PersistenceException what the work threw, its SQL state kept in the causes
     */
    static <T> T run(EntityManager entityManager, Work<T> work) {
        return Hibernate.run(entityManager, work);
    }

    /**
     * JDBC work.
     *
     * @param <T> its result
     */
    @FunctionalInterface
    interface Work<T> {

        T execute(Connection connection) throws SQLException;
    }

    private static boolean hibernatePresent() {
        try {
            Class.forName("org.hibernate.Session", false, ContextConnection.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when Hibernate is present. */
    private static final class Hibernate {

        static <T> T run(EntityManager entityManager, Work<T> work) {
            return entityManager.unwrap(org.hibernate.Session.class).doReturningWork(work::execute);
        }
    }
}
