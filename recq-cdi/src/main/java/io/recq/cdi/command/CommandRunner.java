package io.recq.cdi.command;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.recq.api.CommandGateway;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.Event;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.api.Payload;
import io.recq.api.QueryGateway;
import io.recq.api.ServiceCommand;
import io.recq.api.ServiceEvent;
import io.recq.cdi.command.aggregate.AggregateEngine;
import io.recq.cdi.command.aggregate.AggregateInstance;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.runtime.HandlerScope;
import io.recq.cdi.serialization.PayloadCodec;
import io.recq.cdi.serialization.Values;
import io.recq.cdi.spi.AggregateCache;
import io.recq.cdi.spi.AggregateSnapshot;
import io.recq.cdi.spi.CommandOutcome;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.IdempotencyRecord;
import io.recq.cdi.spi.IdempotencyStore;
import io.recq.cdi.spi.IncomingCommand;
import io.recq.cdi.spi.NewEvent;
import io.recq.cdi.spi.StoredEvent;
import io.recq.cdi.spi.TransientStoreException;
import io.recq.cdi.telemetry.Telemetry;

/**
 * Handles one received command against the store, in the caller's transaction. Plain Java: the CDI bean
 * {@link DefaultCommandProcessor} supplies the collaborators.
 *
 * <p>The order of work keeps the store's locks short and the outcome all-or-nothing: read the payload,
 * answer a command handled before from its record (the inbox: its idempotency key, or else its message id), load the aggregate, run the handler, then write the
 * idempotency record, the snapshot, and last the events. A handler's exception (or an event-sourcing
 * handler's) is returned as a failed outcome before anything is written. A store failure is thrown, so that
 * the transport rolls back and delivers the command again.
 *
 * <p>Service events are stored without an aggregate id (and with version 0): a service is stateless, and
 * its lock id only serialises handling; it is not an event stream.
 */
public final class CommandRunner {

    private static final Logger LOG = Logger.getLogger(CommandRunner.class.getName());
    private static final int MAX_KEY_LENGTH = 200;
    /** Prefix of the inbox records of commands sent without an idempotency key. */
    static final String INBOX_PREFIX = "recq-message:";

    private final RecqModel model;
    private final PayloadCodec codec;
    private final EventStore eventStore;
    private final IdempotencyStore idempotencyStore;
    private final Function<Class<?>, Object> components;
    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final CommandSettings settings;
    private final Clock clock;
    private final Telemetry telemetry;

    /**
     * @param model the deployment model
     * @param codec the payload codec of the deployment
     * @param eventStore the event store
     * @param idempotencyStore the idempotency records
     * @param components gives the component instance (a CDI contextual reference in the server) of a class
     * @param commandGateway the command gateway handlers receive, or {@code null}
     * @param queryGateway the query gateway handlers receive, or {@code null}
     * @param settings the settings
     * @param clock the clock of event timestamps and idempotency records
     */
    public CommandRunner(RecqModel model, PayloadCodec codec, EventStore eventStore,
            IdempotencyStore idempotencyStore, Function<Class<?>, Object> components, CommandGateway commandGateway,
            QueryGateway queryGateway, CommandSettings settings, Clock clock) {
        this(model, codec, eventStore, idempotencyStore, components, commandGateway, queryGateway, settings, clock,
                Telemetry.OFF);
    }

    /**
     * @param model the deployment model
     * @param codec the payload codec of the deployment
     * @param eventStore the event store
     * @param idempotencyStore the idempotency records
     * @param components gives the component instance (a CDI contextual reference in the server) of a class
     * @param commandGateway the command gateway handlers receive, or {@code null}
     * @param queryGateway the query gateway handlers receive, or {@code null}
     * @param settings the settings
     * @param clock the clock of event timestamps and idempotency records
     * @param telemetry reports a span for each stored event, whose trace context the event's metadata keeps
     */
    public CommandRunner(RecqModel model, PayloadCodec codec, EventStore eventStore,
            IdempotencyStore idempotencyStore, Function<Class<?>, Object> components, CommandGateway commandGateway,
            QueryGateway queryGateway, CommandSettings settings, Clock clock, Telemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.model = Objects.requireNonNull(model, "model");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.eventStore = Objects.requireNonNull(eventStore, "eventStore");
        this.idempotencyStore = Objects.requireNonNull(idempotencyStore, "idempotencyStore");
        this.components = Objects.requireNonNull(components, "components");
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param command the received command
     * @return the outcome: the stored events and the result, or the failure for the caller
     * @throws TransientStoreException when the store fails now: roll back and deliver the command again
     */
    public CommandOutcome process(IncomingCommand command) {
        return process(command, null);
    }

    /**
     * @param command the received command
     * @param cache aggregate instances kept between commands, or {@code null}: an aggregate found there is not
     *        loaded from the store, and the instance the command leaves is offered back
     * @return the outcome: the stored events and the result, or the failure for the caller
     * @throws TransientStoreException when the store fails now: roll back and deliver the command again
     */
    public CommandOutcome process(IncomingCommand command, AggregateCache cache) {
        Payload payload;
        HandlerMethod handler;
        try {
            // a value handed over in this JVM is the command its JSON would read into
            payload = command.value() != null ? command.value()
                    : codec.readIncoming(command.payloadName(), command.json());
            handler = model.commandHandler(payload.getClass()).orElseThrow(() -> new HandlerNotFoundException(
                    ErrorCode.HANDLER_NOT_FOUND.code() + " no handler for the command " + payload.getClass().getName()
                            + " on this node. Fix: deploy the same application on every node that consumes "
                            + "commands"));
        } catch (InvalidPayloadException | HandlerNotFoundException e) {
            return CommandOutcome.failed(e);
        }
        Metadata metadata = command.metadata() == null ? Metadata.empty() : command.metadata();
        Optional<String> key = inboxKey(command, metadata);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (key.isPresent() && !neverSeen(command, metadata)) {
            Optional<IdempotencyRecord> known = idempotencyStore.find(key.get(),
                    now.minus(settings.idempotencyRetention()));
            if (known.isPresent()) {
                LOG.fine(() -> "RECQ command " + command.messageId() + " was handled before (" + key.get()
                        + "): answering its first result");
                return new CommandOutcome(known.get().resultName(), known.get().resultJson(), null, List.of());
            }
        }
        Metadata eventMetadata = eventMetadata(command, metadata);
        Produced produced;
        try {
            if (handler.kind() == HandlerKind.AGGREGATE_COMMAND) {
                produced = handleAggregateCommand(handler, (DomainCommand) payload, command, metadata, eventMetadata,
                        now, cache);
            } else {
                produced = handleServiceCommand(handler, (ServiceCommand) payload, command, metadata, eventMetadata,
                        now);
            }
        } catch (HandlingFailure failure) {
            return CommandOutcome.failed(failure.getCause());
        }

        String resultName = produced.events.isEmpty() ? null : produced.events.get(0).payloadName();
        String resultJson = produced.events.isEmpty() ? null : produced.events.get(0).json();
        key.ifPresent(k -> idempotencyStore.record(new IdempotencyRecord(k, command.payloadName(), resultName,
                resultJson, now)));
        if (produced.snapshot != null) {
            eventStore.storeSnapshot(produced.snapshot);
        }
        List<StoredEvent> stored = telemetry.enabled() ? appendTraced(produced.events)
                : eventStore.append(produced.events);
        Object result = produced.first != null && Values.isValue(produced.first.getClass()) ? produced.first : null;
        return new CommandOutcome(resultName, resultJson, null, stored, result);
    }

    /**
     * Appends the events, each with a span of its own whose trace context its metadata keeps: the spans of the
     * consumers that handle it are its children.
     */
    private List<StoredEvent> appendTraced(List<NewEvent> events) {
        List<Telemetry.Publication> publications = new ArrayList<>(events.size());
        List<NewEvent> traced = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            Telemetry.Publication publication = telemetry.publish(event.payloadName(), event.aggregateId());
            publications.add(publication);
            traced.add(new NewEvent(event.aggregateId(), event.aggregateVersion(), event.payloadName(), event.json(),
                    event.context(), publication.inject(event.metadata()), event.timestamp()));
        }
        Throwable failure = null;
        try {
            return eventStore.append(traced);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            for (Telemetry.Publication publication : publications) {
                publication.end(failure);
            }
        }
    }

    /**
     * Loads an aggregate instance: its latest snapshot of this aggregate type (when readable), then the
     * events after it, applied with the event-sourcing handlers. Events without an event-sourcing handler
     * only advance the version.
     *
     * @param engine the aggregate's engine
     * @param target the aggregate component instance
     * @param aggregateId the aggregate id
     * @return the instance
     * @throws HandlingFailure wrapping what an event-sourcing handler threw, or why an event is unreadable
     */
    AggregateInstance load(AggregateEngine engine, Object target, String aggregateId) throws HandlingFailure {
        ComponentModel aggregate = engine.model();
        AggregateInstance instance = AggregateInstance.absent(aggregateId);
        Optional<AggregateSnapshot> snapshot = eventStore.loadSnapshot(aggregateId)
                .filter(s -> s.aggregateType().equals(aggregate.name()));
        if (snapshot.isPresent() && aggregate.stateType() != null) {
            try {
                instance = new AggregateInstance(aggregateId, snapshot.get().aggregateVersion(),
                        codec.readValue(snapshot.get().stateJson(), aggregate.stateType()));
            } catch (InvalidPayloadException e) {
                LOG.log(Level.WARNING, "RECQ ignores the snapshot of " + aggregate.name() + " '" + aggregateId
                        + "' at version " + snapshot.get().aggregateVersion() + ", which no longer reads into "
                        + aggregate.stateType().getName() + "; replaying all its events instead", e);
            }
        }
        for (StoredEvent event : eventStore.load(aggregateId, instance.version())) {
            Optional<Class<? extends Payload>> type = model.payloadType(event.payloadName());
            if (type.isEmpty() || aggregate.handler(HandlerKind.EVENT_SOURCING, type.get()).isEmpty()) {
                // no event-sourcing handler: the event only counts as a version
                instance = new AggregateInstance(aggregateId, event.aggregateVersion(), instance.state());
                continue;
            }
            try {
                DomainEvent payload = (DomainEvent) codec.readPayload(event.payloadName(), event.json());
                AggregateInstance applied = engine.apply(target, instance, StoredEventMessage.of(event, payload));
                instance = new AggregateInstance(aggregateId, event.aggregateVersion(), applied.state());
            } catch (Exception e) {
                throw HandlingFailure.of(e);
            }
        }
        return instance;
    }

    private Produced handleAggregateCommand(HandlerMethod handler, DomainCommand payload, IncomingCommand command,
            Metadata metadata, Metadata eventMetadata, Instant now, AggregateCache cache) throws HandlingFailure {
        String aggregateId = payload.aggregateId();
        if (aggregateId == null || aggregateId.isBlank()) {
            throw HandlingFailure.of(new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " the command "
                    + command.payloadName() + " for " + handler.describe() + " has no aggregate id. Fix: set the "
                    + "id of the aggregate it is addressed to"));
        }
        ComponentModel aggregate = model.component(handler.componentClass()).orElseThrow();
        AggregateEngine engine = new AggregateEngine(aggregate);
        Object target = components.apply(aggregate.componentClass());
        Optional<AggregateCache.Entry> cached = cache == null ? Optional.empty()
                : cache.take(aggregate.name(), aggregateId);
        AggregateInstance instance = cached.isPresent()
                ? new AggregateInstance(aggregateId, cached.get().version(), cached.get().state())
                : load(engine, target, aggregateId);
        HandlerArguments arguments = HandlerArguments.of(payload).metadata(metadata).timestamp(command.timestamp())
                .commandGateway(commandGateway).queryGateway(queryGateway);
        List<NewEvent> events = new ArrayList<>();
        AggregateSnapshot snapshot = null;
        Event first = null;
        try {
            io.recq.cdi.command.aggregate.CommandOutcome decision = engine.handle(target, instance,
                    command.messageId(), arguments);
            first = decision.events().isEmpty() ? null : decision.events().get(0);
            long version = instance.version();
            for (Event event : decision.events()) {
                version++;
                events.add(newEvent(aggregateId, version, event, eventMetadata, now));
            }
            int frequency = settings.snapshotFrequency().applyAsInt(aggregate);
            Object state = decision.instance().state();
            if (frequency > 0 && state != null && version / frequency > instance.version() / frequency) {
                snapshot = new AggregateSnapshot(aggregateId, aggregate.name(), version, codec.writeValue(state),
                        now);
            }
            if (cache != null) {
                cache.offer(new AggregateCache.Entry(aggregate.name(), aggregateId, version, state));
            }
        } catch (Exception e) {
            throw HandlingFailure.of(e);
        }
        return new Produced(events, snapshot, first);
    }

    private Produced handleServiceCommand(HandlerMethod handler, ServiceCommand payload, IncomingCommand command,
            Metadata metadata, Metadata eventMetadata, Instant now) throws HandlingFailure {
        Object target = components.apply(handler.componentClass());
        HandlerArguments arguments = HandlerArguments.of(payload).metadata(metadata).timestamp(command.timestamp())
                .commandGateway(commandGateway).queryGateway(queryGateway);
        HandlerScope.Frame frame = new HandlerScope.Frame(ComponentKind.SERVICE, handler.describe(),
                command.messageId(), metadata);
        try {
            Object returned = HandlerScope.call(frame, () -> invoke(handler, target, arguments));
            if (returned == null) {
                return new Produced(List.of(), null, null);
            }
            if (!(returned instanceof ServiceEvent event)) {
                throw new IllegalStateException(ErrorCode.WRONG_RETURN_TYPE.code() + " " + handler.describe()
                        + " returned " + returned.getClass().getName() + ". Fix: return a ServiceEvent or nothing");
            }
            return new Produced(List.of(newEvent(null, 0, event, eventMetadata, now)), null, event);
        } catch (Throwable t) {
            throw HandlingFailure.of(t);
        }
    }

    private NewEvent newEvent(String aggregateId, long version, Event event, Metadata metadata, Instant now) {
        String context = event.context() == null ? "default" : event.context();
        return new NewEvent(aggregateId, version, PayloadCodec.logicalName(event), codec.writePayload(event), context,
                metadata, now);
    }

    private static Object invoke(HandlerMethod handler, Object target, HandlerArguments arguments)
            throws Exception {
        try {
            return handler.invoke(target, arguments);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(handler.describe() + " threw " + t, t);
        }
    }

    /**
     * The metadata every event of a command carries: the command's metadata, with the correlation id kept
     * (or set to the command's message id when absent) and the causation id set to the command's message id.
     */
    static Metadata eventMetadata(IncomingCommand command, Metadata metadata) {
        Metadata result = metadata;
        if (command.messageId() != null) {
            if (result.get(Metadata.CORRELATION_ID).isEmpty()) {
                result = result.with(Metadata.CORRELATION_ID, command.messageId());
            }
            result = result.with(Metadata.CAUSATION_ID, command.messageId());
        }
        return result;
    }

    /**
     * The key under which the store records that a command was handled, in the transaction of its events:
     * the sender's idempotency key when it gave one, else the command's message id. A command delivered
     * again (the broker did not hear of the commit before a crash) or forwarded again from an outbox carries
     * the same message id, and is answered from the record instead of being handled a second time.
     */
    static Optional<String> inboxKey(IncomingCommand command, Metadata metadata) {
        Optional<String> key = metadata.get(Metadata.IDEMPOTENCY_KEY).map(CommandRunner::storableKey);
        if (key.isPresent() || command.messageId() == null) {
            return key;
        }
        return Optional.of(storableKey(INBOX_PREFIX + command.messageId()));
    }

    /**
     * @return whether the inbox cannot hold a record of the command: it has its message id as its key, and is on
     *         its first try in the JVM that has just given it that id (delivered 0 times). Should a record exist
     *         after all, inserting the command's own fails on the key, and the command is tried again
     */
    static boolean neverSeen(IncomingCommand command, Metadata metadata) {
        return command.deliveryCount() == 0 && metadata.get(Metadata.IDEMPOTENCY_KEY).isEmpty();
    }

    /**
     * Idempotency keys longer than {@value #MAX_KEY_LENGTH} characters are stored as their SHA-256 digest.
     */
    static String storableKey(String key) {
        if (key.length() <= MAX_KEY_LENGTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * @param first the first event as the handler made it: the command's result
     */
    private record Produced(List<NewEvent> events, AggregateSnapshot snapshot, Event first) {
    }

    /**
     * What a handler (or the handling of its input and output) threw: reported to the caller, nothing
     * stored. Errors of the virtual machine are not failures of a handler and propagate.
     */
    static final class HandlingFailure extends Exception {

        private static final long serialVersionUID = 1L;

        private HandlingFailure(Throwable cause) {
            super(cause);
        }

        static HandlingFailure of(Throwable t) {
            if (t instanceof VirtualMachineError error) {
                throw error;
            }
            if (t instanceof HandlingFailure failure) {
                return failure;
            }
            return new HandlingFailure(t);
        }
    }
}
