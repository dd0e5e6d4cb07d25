package io.recq.test;

import java.lang.ref.Cleaner;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * A read model database for one fixture: Hibernate ORM bootstrapped as a JPA provider in Java SE, on a
 * private in-memory H2 database whose schema is created from the entity classes.
 *
 * <p>Components get {@link #entityManager()}, which behaves like the server's container-managed
 * {@code EntityManager}: it works on the persistence context of the running handler call (one per event,
 * in its own transaction, or one per query, without transaction) and refuses {@code close()} and
 * {@code getTransaction()}. The database is dropped on {@link #close()}, or when the fixture is garbage
 * collected without being closed.
 */
final class ReadModelDatabase implements AutoCloseable {

    private static final String JDBC_DRIVER = "jakarta.persistence.jdbc.driver";
    private static final String JDBC_URL = "jakarta.persistence.jdbc.url";
    private static final String JDBC_USER = "jakarta.persistence.jdbc.user";
    private static final String JDBC_PASSWORD = "jakarta.persistence.jdbc.password";

    private static final Cleaner CLEANER = Cleaner.create();

    private final EntityManagerFactory factory;
    private final EntityManager proxy;
    private final Cleaner.Cleanable cleanable;
    private EntityManager current;

    /** What must be released, kept apart from the fixture so that it can be released when the fixture is lost. */
    private record Resources(EntityManagerFactory factory, String url, String user, String password)
            implements Runnable {
        @Override
        public void run() {
            try {
                if (factory.isOpen()) {
                    factory.close();
                }
            } finally {
                if (url.startsWith("jdbc:h2:mem:")) {
                    try (Connection connection = DriverManager.getConnection(url, user, password);
                            Statement statement = connection.createStatement()) {
                        statement.execute("SHUTDOWN");
                    } catch (SQLException e) {
                        // already gone
                    }
                }
            }
        }
    }

    ReadModelDatabase(String name, List<Class<?>> entities, Map<String, String> overrides) {
        Properties properties = new Properties();
        properties.put(JDBC_DRIVER, "org.h2.Driver");
        properties.put(JDBC_URL, "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        properties.put(JDBC_USER, "sa");
        properties.put(JDBC_PASSWORD, "");
        properties.put("hibernate.hbm2ddl.auto", "create-drop");
        properties.putAll(overrides);
        String url = properties.getProperty(JDBC_URL);
        String user = properties.getProperty(JDBC_USER);
        String password = properties.getProperty(JDBC_PASSWORD);
        JdbcDataSource dataSource = null;
        if (url.startsWith("jdbc:h2:")) {
            // connections straight from H2 (cheap for an in-memory database) rather than Hibernate's built-in pool
            dataSource = new JdbcDataSource();
            dataSource.setURL(url);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            for (String key : new String[] {JDBC_DRIVER, JDBC_URL, JDBC_USER, JDBC_PASSWORD}) {
                properties.remove(key);
            }
        }
        this.factory = new HibernatePersistenceProvider().createContainerEntityManagerFactory(
                new FixturePersistenceUnit(name, entities, properties, dataSource), properties);
        this.cleanable = CLEANER.register(this, new Resources(factory, url, user, password));
        this.proxy = (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, new ContainerManaged());
    }

    /**
     * @return the container-managed-like entity manager to inject into components
     */
    EntityManager entityManager() {
        return proxy;
    }

    /**
     * Runs {@code work} in a new persistence context and transaction, committed when it returns and rolled
     * back when it throws.
     */
    <T> T inTransaction(Callable<T> work) throws Exception {
        EntityManager em = open();
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            T result = work.call();
            transaction.commit();
            return result;
        } catch (Exception | Error e) {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            throw e;
        } finally {
            current = null;
            em.close();
        }
    }

    /**
     * Runs {@code work} in a new persistence context without transaction, as a query handler runs.
     */
    <T> T withoutTransaction(Callable<T> work) throws Exception {
        EntityManager em = open();
        try {
            return work.call();
        } finally {
            current = null;
            em.close();
        }
    }

    private EntityManager open() {
        if (current != null) {
            throw new IllegalStateException("A handler call is already running on this read model");
        }
        EntityManager em = factory.createEntityManager();
        current = em;
        return em;
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    private final class ContainerManaged implements InvocationHandler {
        @Override
        public Object invoke(Object self, java.lang.reflect.Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "toString":
                    return "container-managed EntityManager of a ProjectorFixture";
                case "equals":
                    return self == args[0];
                case "hashCode":
                    return System.identityHashCode(self);
                case "close":
                    throw new IllegalStateException("A container-managed EntityManager cannot be closed");
                case "getTransaction":
                    throw new IllegalStateException("A container-managed EntityManager has no EntityTransaction: "
                            + "RECQ runs each event handler in its own transaction");
                default:
                    break;
            }
            EntityManager em = current;
            if (em == null) {
                if (method.getName().equals("isOpen")) {
                    return true;
                }
                throw new IllegalStateException("The EntityManager was used outside a handler call. Fix: use it in "
                        + "an @EventHandler or @QueryHandler method, or in ProjectorFixture#inTransaction");
            }
            try {
                return method.invoke(em, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
