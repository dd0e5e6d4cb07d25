package io.recq.cdi.it;

import java.io.File;
import java.net.URISyntaxException;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import io.recq.api.Aggregate;
import io.recq.cdi.RecqExtension;

/**
 * The RECQ jars as the build produced them (main classes and resources only), for the deployments the
 * in-container tests build: the same layout an application gets from Maven.
 */
final class RecqLibraries {

    private RecqLibraries() {
    }

    /**
     * @return recq-api
     */
    static JavaArchive api() {
        return archiveOf(Aggregate.class, "recq-api.jar");
    }

    /**
     * @return recq-cdi, with its extension registration, its bean list and its {@code beans.xml}
     */
    static JavaArchive cdi() {
        JavaArchive cdi = archiveOf(RecqExtension.class, "recq-cdi.jar");
        if (!cdi.contains("META-INF/services/jakarta.enterprise.inject.spi.Extension")
                || !cdi.contains(RecqExtension.BEANS_RESOURCE) || !cdi.contains("META-INF/beans.xml")) {
            throw new IllegalStateException("recq-cdi is built without its META-INF resources: " + cdi.toString(true));
        }
        return cdi;
    }

    /**
     * The jar (or classes directory, before packaging) that {@code type} was loaded from.
     */
    private static JavaArchive archiveOf(Class<?> type, String name) {
        File location;
        try {
            location = new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (location.isDirectory()) {
            return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(location).as(JavaArchive.class);
        }
        return ShrinkWrap.create(ZipImporter.class, name).importFrom(location).as(JavaArchive.class);
    }
}
