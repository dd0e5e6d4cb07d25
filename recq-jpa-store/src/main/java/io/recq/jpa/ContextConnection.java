package io.recq.jpa;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/**
 * JDBC work on the connection of a persistence context, in its transaction, where the provider offers it: with
 * Hibernate (WildFly's provider), {@code Session.doReturningWork}. Without Hibernate on the class path
 * ({@link #AVAILABLE} is {@code false}) the store keeps to JPA. Used for the writes of every command on
 * PostgreSQL and H2 ({@link #shortWay}), where the provider's flush costs more CPU than the statements.
 */
public final class ContextConnection {

    /** Whether the provider's connection can be reached. */
    public static final boolean AVAILABLE = hibernatePresent();

    private ContextConnection() {
    }

    /**
     * @param entityManager the persistence context
     * @param work what to run on its connection
     * @param <T> the work's result
     * @return the work's result
     * @throws jakarta.persistence.PersistenceException what the work threw, its SQL state kept in the causes
     */
    public static <T> T run(EntityManager entityManager, Work<T> work) {
        return Hibernate.run(entityManager, work);
    }

    /**
     * JDBC work.
     *
     * @param <T> its result
     */
    @FunctionalInterface
    public interface Work<T> {

        T execute(Connection connection) throws SQLException;
    }

    /**
     * @param databaseProduct the JDBC database product name, or {@code null} when unknown
     * @return whether the store writes a command's rows in JDBC on this database: PostgreSQL and H2, whose
     *         DDL the store ships, with the provider's connection at hand
     */
    public static boolean shortWay(String databaseProduct) {
        String p = databaseProduct == null ? "" : databaseProduct.toLowerCase(java.util.Locale.ROOT);
        return AVAILABLE && (p.contains("postgres") || p.contains("h2"));
    }

    private static boolean hibernatePresent() {
        try {
            Class.forName("org.hibernate.Session", false, ContextConnection.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Loaded only when Hibernate is present. The work's {@link SQLException} is carried past Hibernate unconverted:
     * Hibernate would log it as an error before converting it, and the store's callers expect some of them (a
     * unique key another node stored first is a conflict that is retried, not an error of the application).
     */
    private static final class Hibernate {

        public static <T> T run(EntityManager entityManager, Work<T> work) {
            try {
                return entityManager.unwrap(org.hibernate.Session.class).doReturningWork(connection -> {
                    try {
                        return work.execute(connection);
                    } catch (SQLException e) {
                        throw new Carried(e);
                    }
                });
            } catch (Carried carried) {
                SQLException failure = (SQLException) carried.getCause();
                throw new PersistenceException(failure.getMessage(), failure);
            }
        }
    }

    /** A work's {@link SQLException} on its way out of the provider. */
    private static final class Carried extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Carried(SQLException cause) {
            super(cause);
        }
    }
}
