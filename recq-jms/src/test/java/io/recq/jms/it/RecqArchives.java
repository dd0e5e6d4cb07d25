package io.recq.jms.it;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The RECQ modules as library jars, built from the reactor's {@code target/classes}, as an application
 * would package them.
 */
public final class RecqArchives {

    private RecqArchives() {
    }

    /**
     * @return recq-api, recq-cdi and recq-jms (both explicit bean archives, trimmed to their scoped classes)
     */
    public static JavaArchive[] libraries() {
        return new JavaArchive[] {module("recq-api"), module("recq-cdi"), module("recq-jms")};
    }

    private static JavaArchive module(String name) {
        File classes = new File("../" + name + "/target/classes");
        if (!classes.isDirectory()) {
            throw new IllegalStateException(classes.getAbsolutePath() + " is missing: build with -am");
        }
        return ShrinkWrap.create(JavaArchive.class, name + ".jar").as(ExplodedImporter.class)
                .importDirectory(classes).as(JavaArchive.class);
    }
}
