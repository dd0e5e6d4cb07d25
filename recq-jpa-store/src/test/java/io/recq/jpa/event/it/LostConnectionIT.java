package io.recq.jpa.event.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Table;
import jakarta.transaction.UserTransaction;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.api.DeadEventQueue;
import io.recq.api.Event;
import io.recq.api.EventHandler;
import io.recq.api.Metadata;
import io.recq.api.Projector;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.NewEvent;
import io.recq.jpa.it.DefaultDataSourceSetup;

/**
 * A connection that dies while a consumer's thread holds it, and whose handle is never closed — what a
 * persistence provider may leave behind when the database goes away in the middle of a statement — must not
 * stop the consumer: its later transactions get connections of their own. (In WildFly, a transaction begun by
 * {@code UserTransaction} on a long-lived managed thread enlists every handle still open on it; each later
 * transaction of the tracker then failed on the same closed connection, and the projector stopped for good
 * after a database outage.)
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
class LostConnectionIT {

    static final String CONTEXT = "lost-connection-it";

    @Deployment
    static WebArchive deployment() {
        return RecqArchives.war("lost-connection-it", "", Note.class, NoteRow.class, NoteProjector.class,
                Leak.class);
    }

    @Inject
    EventStore eventStore;

    @Inject
    UserTransaction transaction;

    @Inject
    DeadEventQueue deadEvents;

    @Inject
    Leak leak;

    @PersistenceContext(unitName = RecqArchives.READ_MODEL_UNIT)
    EntityManager entityManager;

    @Test
    void projectorGoesOnAfterAConnectionItsThreadLeftOpenDied() throws Exception {
        // given: the projector's thread has opened a connection, never closed it, and lost it underneath
        append(new Note("n-0", true));
        RecqArchives.await(Duration.ofSeconds(20), "the connection left open", leak::leaked);

        // when
        List<Note> notes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            notes.add(new Note("n-" + i, false));
        }
        append(notes.toArray(Event[]::new));

        // then: every later event is projected, one batch or one event per transaction, without dead letters
        RecqArchives.await(Duration.ofSeconds(30), "n-5 projected", () -> row("n-5") != null);
        for (int i = 0; i <= 5; i++) {
            assertEquals("n-" + i, row("n-" + i).id);
        }
        assertEquals(0, deadEvents.list(NoteProjector.CONSUMER, 100).size());
    }

    private NoteRow row(String id) {
        return entityManager.find(NoteRow.class, id);
    }

    private void append(Event... events) throws Exception {
        transaction.begin();
        try {
            List<NewEvent> list = new ArrayList<>();
            for (Event e : events) {
                Note note = (Note) e;
                list.add(new NewEvent(null, 0, "Note", "{\"id\":\"" + note.id() + "\",\"leak\":" + note.leak() + "}",
                        CONTEXT, Metadata.empty(), Instant.now()));
            }
            eventStore.append(list);
            transaction.commit();
        } catch (Exception | Error e) {
            transaction.rollback();
            throw e;
        }
    }

    public record Note(String id, boolean leak) implements Event {
        @Override
        public String context() {
            return CONTEXT;
        }
    }

    @Entity
    @Table(name = "it_lost_connection_note")
    public static class NoteRow {
        @Id
        public String id;
    }

    /** Opens a connection of the default datasource on the calling thread, never closes it, and kills it. */
    @ApplicationScoped
    public static class Leak {

        private final AtomicBoolean leaked = new AtomicBoolean();

        @Resource
        DataSource dataSource;

        boolean leaked() {
            return leaked.get();
        }

        void leakDeadConnection() throws Exception {
            if (leaked.get()) {
                return;
            }
            Connection handle = dataSource.getConnection();
            // the pool's wrapper exposes the driver's connection (WildFly's as getUnderlyingConnection, Payara's
            // as getConnection); closing that one is the database going away
            Method underlying;
            try {
                underlying = handle.getClass().getMethod("getUnderlyingConnection");
            } catch (NoSuchMethodException e) {
                underlying = handle.getClass().getMethod("getConnection");
            }
            ((Connection) underlying.invoke(handle)).close();
            leaked.set(true);
        }
    }

    @Projector(contexts = CONTEXT)
    public static class NoteProjector {

        static final String CONSUMER = "Projector:NoteProjector:v1:" + CONTEXT;

        @PersistenceContext(unitName = RecqArchives.READ_MODEL_UNIT)
        EntityManager entityManager;

        @Inject
        Leak leak;

        @EventHandler
        void on(Note note) throws Exception {
            NoteRow row = new NoteRow();
            row.id = note.id();
            entityManager.persist(row);
            if (note.leak()) {
                leak.leakDeadConnection();
            }
        }
    }
}
