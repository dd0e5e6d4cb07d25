package io.recq.jpa;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;

import io.recq.cdi.runtime.RecqResources;

/**
 * The datasource of the store's persistence unit, for the JDBC work JPA does not cover (creating and
 * validating the tables, the readiness check). Resolved when first needed, in this order:
 * <ol>
 * <li>the JNDI name configured with {@value #DATASOURCE_KEY};</li>
 * <li>{@code java:comp/DefaultDataSource}, which the persistence unit uses — visible where the RECQ jars are
 * in a WAR's {@code WEB-INF/lib};</li>
 * <li>the datasource the container handed to the persistence unit, as its provider exposes it among the
 * factory's properties — in {@code EAR/lib}, where a library's beans have no {@code java:comp}, this is
 * how the default datasource is found.</li>
 * </ol>
 * Nothing is injected with {@code @Resource}: in {@code EAR/lib} that fails the deployment.
 */
@Singleton
public class StoreDataSource {

    /** MicroProfile Config key: JNDI name of the datasource of the store's persistence unit. */
    public static final String DATASOURCE_KEY = "recq.store.datasource";

    private static final Logger LOG = Logger.getLogger(StoreDataSource.class.getName());
    private static final List<String> PROVIDER_KEYS = List.of("jakarta.persistence.jtaDataSource",
            "javax.persistence.jtaDataSource", "hibernate.connection.datasource",
            "jakarta.persistence.nonJtaDataSource", "eclipselink.jdbc.connector");

    @PersistenceUnit(unitName = RecqPersistence.UNIT)
    EntityManagerFactory entityManagerFactory;

    @Inject
    RecqResources resources;

    private volatile DataSource dataSource;

    /**
     * @return the datasource of the store's persistence unit
     * @throws IllegalStateException when it cannot be found (say which to use with {@value #DATASOURCE_KEY})
     */
    public DataSource get() {
        DataSource found = dataSource;
        if (found == null) {
            synchronized (this) {
                if (dataSource == null) {
                    dataSource = resolve();
                }
                found = dataSource;
            }
        }
        return found;
    }

    private DataSource resolve() {
        RuntimeException configured = null;
        try {
            return resources.resource(DATASOURCE_KEY, DataSource.class, List.of(RecqPersistence.DATASOURCE));
        } catch (RuntimeException e) {
            configured = e;
        }
        Map<String, Object> properties = entityManagerFactory.getProperties();
        for (String key : PROVIDER_KEYS) {
            Object value = properties.get(key);
            if (value instanceof DataSource ds) {
                LOG.fine(() -> "RECQ store uses the datasource of its persistence unit (" + key + ")");
                return ds;
            }
            if (value instanceof String name && !name.isBlank()) {
                try {
                    Object bound = new InitialContext().lookup(name);
                    if (bound instanceof DataSource ds) {
                        return ds;
                    }
                } catch (NamingException e) {
                    // try the next form
                }
            }
        }
        throw new IllegalStateException("RECQ cannot find the datasource of its store (persistence unit "
                + RecqPersistence.UNIT + "): " + configured.getMessage() + ". Fix: set " + DATASOURCE_KEY
                + " to its JNDI name", configured);
    }
}
