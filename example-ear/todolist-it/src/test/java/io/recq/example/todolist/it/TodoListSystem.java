package io.recq.example.todolist.it;

import java.io.File;

import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployments of the TodoList system, as the build produced them: the domain, views and notifications
 * services (WARs with RECQ in {@code WEB-INF/lib}) and the web front (the EAR, RECQ in {@code EAR/lib}).
 */
final class TodoListSystem {

    static final String DOMAIN = "todolist-domain";
    static final String VIEWS = "todolist-views";
    static final String NOTIFICATIONS = "todolist-notifications";
    /** The web front's service name: the EAR's application name. */
    static final String FRONT = "todolist";

    private TodoListSystem() {
    }

    static WebArchive domain() {
        return war(DOMAIN);
    }

    static WebArchive views() {
        return war(VIEWS);
    }

    static WebArchive notifications() {
        return war(NOTIFICATIONS);
    }

    static EnterpriseArchive front() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class,
                new File(System.getProperty("todolist.ear", "../todolist-ear/target/todolist.ear")));
    }

    /**
     * @param name the WAR's name
     * @param classes its classes
     * @return a WAR of its own classes with the libraries of the domain service: RECQ and the shared payloads
     */
    static WebArchive withServiceLibraries(String name, Class<?>... classes) {
        WebArchive archive = ShrinkWrap.create(WebArchive.class, name + ".war").addClasses(classes);
        for (Node node : domain().getContent(path -> path.get().startsWith("/WEB-INF/lib/")).values()) {
            if (node.getAsset() != null) {
                ArchivePath path = node.getPath();
                archive.add(node.getAsset(), path);
            }
        }
        return archive;
    }

    private static WebArchive war(String name) {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty(name + ".war",
                "../" + name + "/target/" + name + ".war")));
    }
}
