package io.recq.test;

import java.net.URL;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;

import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * A resource-local persistence unit described in code, so that a test needs no {@code persistence.xml}:
 * exactly the listed entity classes, connection and schema settings in the properties.
 */
final class FixturePersistenceUnit implements PersistenceUnitInfo {

    private final String name;
    private final List<String> managedClassNames;
    private final Properties properties;
    private final ClassLoader classLoader;
    private final DataSource dataSource;

    /**
     * @param dataSource the non-JTA data source, or {@code null} to let Hibernate connect with the
     *        {@code jakarta.persistence.jdbc.*} properties
     */
    FixturePersistenceUnit(String name, List<Class<?>> entities, Properties properties, DataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
        this.managedClassNames = entities.stream().map(Class::getName).toList();
        this.properties = properties;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.classLoader = context != null ? context
                : entities.isEmpty() ? FixturePersistenceUnit.class.getClassLoader() : entities.get(0).getClassLoader();
    }

    @Override
    public String getPersistenceUnitName() {
        return name;
    }

    @Override
    public String getPersistenceProviderClassName() {
        return HibernatePersistenceProvider.class.getName();
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        return null;
    }

    @Override
    public List<String> getManagedClassNames() {
        return managedClassNames;
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.UNSPECIFIED;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.AUTO;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // no bytecode enhancement in tests
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return null;
    }
}
