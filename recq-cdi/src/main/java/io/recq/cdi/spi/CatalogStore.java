package io.recq.cdi.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.recq.api.Catalog;

/**
 * Where the services sharing a store say that they run and what they handle: implemented by the store. Every
 * method runs in a transaction of its own (or none), never in the caller's.
 */
public interface CatalogStore {

    /**
     * A running instance of a service, as it reports itself.
     *
     * @param id the instance's id, unique among running instances
     * @param service the service's name
     * @param version the service's version
     * @param node the server node
     * @param ready whether it takes commands and queries
     * @param startedAt when it started
     * @param transactionNode the transaction manager's node identifier of its server, or {@code null} when unknown
     * @param heartbeatAt its last heartbeat ({@code null} when it registers: the registration's time is its first)
     */
    record InstanceRecord(String id, String service, String version, String node, boolean ready, Instant startedAt,
            String transactionNode, Instant heartbeatAt) {
    }

    /**
     * Writes an instance and what its service handles and consumes: the service's earlier rows of those roles
     * are replaced (an instance of a newer version reports what it handles now); what it sends is kept.
     *
     * @param instance the instance
     * @param messages what the service handles and consumes
     * @param now when it registers: its first heartbeat
     */
    void register(InstanceRecord instance, List<Catalog.MessageEntry> messages, Instant now);

    /**
     * Adds what a service sends, when not known yet.
     *
     * @param service the service
     * @param messages {@code sends-command} or {@code sends-query} entries
     */
    void addSends(String service, Collection<Catalog.MessageEntry> messages);

    /**
     * Says that an instance still runs.
     *
     * @param instanceId the instance
     * @param ready whether it takes commands and queries
     * @param now the heartbeat
     * @return whether the instance was still registered (false: it expired, and must register again)
     */
    boolean heartbeat(String instanceId, boolean ready, Instant now);

    /**
     * Says that an instance still runs, and where its dead commands are kept.
     *
     * @param instanceId the instance
     * @param ready whether it takes commands and queries
     * @param deadLetterQueue the broker's name of its dead-letter queue, or {@code null} when not known yet
     * @param now the heartbeat
     * @return whether the instance was still registered (false: it expired, and must register again)
     */
    default boolean heartbeat(String instanceId, boolean ready, String deadLetterQueue, Instant now) {
        return heartbeat(instanceId, ready, now);
    }

    /**
     * Removes an instance that stops, and instances whose heartbeat is older than {@code expiredBefore}.
     *
     * @param instanceId the instance that stops, or {@code null}
     * @param expiredBefore heartbeats before this are expired
     */
    void remove(String instanceId, Instant expiredBefore);

    /**
     * @param aliveSince the oldest heartbeat of an instance that counts as running
     * @return the running instances of every service, with their nodes and transaction node identifiers
     */
    List<InstanceRecord> instances(Instant aliveSince);

    /**
     * @param aliveSince instances whose heartbeat is older than this do not count
     * @return the services with a running instance, each with its instances and messages
     */
    List<Catalog.ServiceEntry> services(Instant aliveSince);

    /**
     * @return every event consumer of the store
     */
    List<Catalog.ConsumerEntry> consumers();
}
