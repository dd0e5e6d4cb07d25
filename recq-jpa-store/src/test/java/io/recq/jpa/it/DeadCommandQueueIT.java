package io.recq.jpa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.recq.jpa.it.StoreArchives.await;
import static io.recq.jpa.it.StoreArchives.awaitValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.recq.api.CommandGateway;
import io.recq.api.DeadCommandQueue;
import io.recq.api.Metadata;
import io.recq.api.RecqException;

/**
 * The {@link DeadCommandQueue} against the real dead-letter queue, in WildFly on H2 or PostgreSQL
 * ({@link DefaultDataSourceSetup}): a command that fails permanently is listed and found with its reason,
 * type, metadata and tries; after the cause is fixed, a retry applies it exactly once and removes it; a
 * delete removes one without handling it.
 *
 * <p>In-container assertions use JUnit's own {@code Assertions}: AssertJ is not packaged.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DefaultDataSourceSetup.class)
class DeadCommandQueueIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static WebArchive deployment() {
        return StoreArchives.war("recq-dead-command-queue-it", DeadCommandQueueIT.class, Faults.class)
                .addClasses(Faults.class.getDeclaredClasses());
    }

    @Inject
    CommandGateway commandGateway;

    @Inject
    DeadCommandQueue testSubject;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Test
    void listsADeadCommandWithWhyAndRetriesItOnceAfterTheFix() throws Exception {
        // given: a command that fails permanently until it is fixed
        String marker = "fragile-" + UUID.randomUUID();
        Faults.BROKEN.add(marker);
        Metadata metadata = Metadata.of("tenant", "acme");
        RecqException failure = assertThrows(RecqException.class, () -> commandGateway.sendAndWait(
                new Faults.Fragile(marker), metadata, WAIT));
        assertTrue(failure.getMessage().contains("RECQ-01102"), failure.getMessage());

        // when
        DeadCommandQueue.Entry entry = awaitValue("the dead command is listed", () -> testSubject.list(1_000).stream()
                .filter(e -> e.json() != null && e.json().contains(marker)).findFirst());

        // then
        assertEquals("Fragile", entry.commandType());
        assertEquals(Optional.of("acme"), entry.metadata().get("tenant"));
        assertEquals(5, entry.deliveries());
        assertTrue(entry.reason().contains("failed 5 times"), entry.reason());
        assertNotNull(entry.sentAt());
        assertNotNull(entry.deadSince());
        assertEquals(entry, testSubject.find(entry.messageId()).orElseThrow());
        assertEquals(0, stored(marker));

        // when: fixed, then retried
        Faults.BROKEN.remove(marker);
        assertTrue(testSubject.retry(entry.messageId()));

        // then: applied once, and gone from the queue
        awaitValue("the retried command is applied", () -> stored(marker) == 1 ? Optional.of(true) : Optional.empty());
        assertTrue(testSubject.find(entry.messageId()).isEmpty());
        assertFalse(testSubject.retry(entry.messageId()));
        assertEquals(1, stored(marker));
    }

    @Test
    void deletesADeadCommandWithoutHandlingIt() throws Exception {
        // given
        String marker = "deleted-" + UUID.randomUUID();
        Faults.BROKEN.add(marker);
        assertThrows(RecqException.class, () -> commandGateway.sendAndWait(new Faults.Fragile(marker),
                Metadata.empty(), WAIT));
        DeadCommandQueue.Entry entry = awaitValue("the dead command is listed", () -> testSubject.list(1_000)
                .stream().filter(e -> e.json() != null && e.json().contains(marker)).findFirst());
        Faults.BROKEN.remove(marker);

        // when
        boolean deleted = testSubject.delete(entry.messageId());

        // then
        assertTrue(deleted);
        assertTrue(testSubject.find(entry.messageId()).isEmpty());
        assertFalse(testSubject.delete(entry.messageId()));
        assertEquals(0, stored(marker));
    }

    @Test
    void answersNothingForAnUnknownMessageId() {
        assertTrue(testSubject.find("no-such-id").isEmpty());
        assertTrue(testSubject.find("it's-quoted").isEmpty());
        assertFalse(testSubject.retry("no-such-id"));
        assertFalse(testSubject.delete("no-such-id"));
    }

    private long stored(String marker) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM recq_events WHERE payload_type = 'Done' AND payload LIKE ?")) {
            query.setString(1, "%" + marker + "%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
