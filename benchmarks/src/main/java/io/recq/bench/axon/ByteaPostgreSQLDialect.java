package io.recq.bench.axon;

import java.sql.Types;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;

/**
 * PostgreSQL with Axon's {@code @Lob} byte arrays (event and snapshot payloads and metadata, tokens) stored as
 * {@code bytea} instead of large objects, as Axon's reference guide asks ("Relational Database Tuning":
 * PostgreSQL, {@code @Lob}-annotated columns and the default Hibernate mapping). Chosen by
 * {@link AxonDialectResolver} for the Axon persistence unit only.
 */
public class ByteaPostgreSQLDialect extends PostgreSQLDialect {

    /**
     * @param info the database's version
     */
    public ByteaPostgreSQLDialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.columnType(sqlTypeCode);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        typeContributions.getTypeConfiguration().getJdbcTypeRegistry().addDescriptor(Types.BLOB,
                BinaryJdbcType.INSTANCE);
    }
}
