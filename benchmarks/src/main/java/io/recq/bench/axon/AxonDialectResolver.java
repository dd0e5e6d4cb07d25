package io.recq.bench.axon;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolver;

/**
 * Gives the Axon persistence unit {@link ByteaPostgreSQLDialect} on PostgreSQL and Hibernate's own choice on
 * any other database, so that one {@code persistence.xml} serves the H2 and the PostgreSQL run
 * ({@code hibernate.dialect_resolvers}).
 */
public class AxonDialectResolver implements DialectResolver {

    private static final long serialVersionUID = 1L;

    @Override
    public Dialect resolveDialect(DialectResolutionInfo info) {
        return "PostgreSQL".equals(info.getDatabaseName()) ? new ByteaPostgreSQLDialect(info) : null;
    }
}
