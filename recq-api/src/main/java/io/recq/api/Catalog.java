package io.recq.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The catalog of the running system: every service (a deployment, named with {@code recq.service.name}) that
 * shares this store, its running instances, the message types it handles, consumes and sends with their JSON
 * shape, and the event consumers with their positions. Each instance writes its part when it starts and
 * refreshes it while it runs; commands and queries are routed to the service that handles their type from
 * it. Injectable with {@code @Inject}, for example into a REST resource that returns {@link #services()} as
 * JSON. Reading it reads the store: it is not meant for every request.
 */
public interface Catalog {

    /**
     * One service: a deployment of its own, in any number of copies.
     *
     * @param name the service's name ({@code recq.service.name}, default the application's name)
     * @param instances its running instances (heartbeat within the expiry), newest first
     * @param messages what it handles, consumes and sends
     */
    record ServiceEntry(String name, List<InstanceEntry> instances, List<MessageEntry> messages) {
    }

    /**
     * One running copy of a service.
     *
     * @param id the instance's id (also the owner of the event consumers' leases it holds)
     * @param version the service's version ({@code recq.service.version})
     * @param node the server node it runs on
     * @param ready whether it takes commands and queries (no gating projector replays)
     * @param startedAt when it started
     * @param heartbeatAt when it last said it runs
     * @param deadLetterQueue the broker's name of the queue that keeps its dead commands ({@link DeadCommandQueue}),
     *        or {@code null} when it has none or has not said yet
     */
    record InstanceEntry(String id, String version, String node, boolean ready, Instant startedAt,
            Instant heartbeatAt, String deadLetterQueue) {

        /** An instance whose dead-letter queue is not known. */
        public InstanceEntry(String id, String version, String node, boolean ready, Instant startedAt,
                Instant heartbeatAt) {
            this(id, version, node, ready, startedAt, heartbeatAt, null);
        }
    }

    /**
     * A message type a service handles, consumes, publishes or sends.
     *
     * @param role {@code handles-command}, {@code handles-query}, {@code consumes-event}, {@code publishes-event}
     *        (an event an aggregate applies, or a service's command handler returns), {@code returns-view} (a
     *        {@link View} a projection's answers hold), {@code sends-command} or {@code sends-query} (a type another
     *        service handles, once this one sent it)
     * @param payloadType the payload's logical name (its simple class name), which routes it
     * @param payloadClass its class
     * @param component the component that handles, consumes or publishes it (its class), or empty for what a
     *        service sends
     * @param componentKind {@code aggregate}, {@code service}, {@code projector}, {@code projection},
     *        {@code saga}, {@code observer}, or empty for what a service sends
     * @param jsonSchema the JSON schema of its JSON form, as the service's class defines it
     */
    record MessageEntry(String role, String payloadType, String payloadClass, String component,
            String componentKind, String jsonSchema) {
    }

    /**
     * An event consumer (a projector, saga or observer of any service) and how far it has read.
     *
     * @param id its id ({@code Projector:Name:v1:contexts})
     * @param position the global sequence of the last event it handled
     * @param owner the instance holding its lease, or {@code null}
     * @param leaseUntil when that lease ends, or {@code null}
     */
    record ConsumerEntry(String id, long position, String owner, Instant leaseUntil) {
    }

    /**
     * A payload type whose JSON shape differs between a service that sends it and the one that handles it.
     *
     * @param payloadType the payload's logical name
     * @param handler the service that handles it, with its schema
     * @param handlerSchema the handler's JSON schema
     * @param sender the service that sends it
     * @param senderSchema the sender's JSON schema
     */
    record Mismatch(String payloadType, String handler, String handlerSchema, String sender, String senderSchema) {
    }

    /**
     * @return every service with a running instance, by name
     */
    List<ServiceEntry> services();

    /**
     * @param name a service's name
     * @return that service, when it has a running instance
     */
    Optional<ServiceEntry> service(String name);

    /**
     * @return every event consumer of the store, by id
     */
    List<ConsumerEntry> consumers();

    /**
     * @return the payload types sent in another shape than the one their handler reads
     */
    List<Mismatch> mismatches();

    /**
     * @return the name of the service this deployment is
     */
    String self();
}
