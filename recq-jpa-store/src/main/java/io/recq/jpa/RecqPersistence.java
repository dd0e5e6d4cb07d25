package io.recq.jpa;

/**
 * Names shared by the store's beans.
 */
public final class RecqPersistence {

    /** The name of the persistence unit in this jar's {@code META-INF/persistence.xml}. */
    public static final String UNIT = "recq";

    /** The datasource of that unit: the server's default datasource. */
    public static final String DATASOURCE = "java:comp/DefaultDataSource";

    private RecqPersistence() {
    }
}
