package io.recq.test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.recq.api.Command;
import io.recq.api.CommandGateway;
import io.recq.api.DomainEvent;
import io.recq.api.Event;
import io.recq.api.Metadata;
import io.recq.api.Query;
import io.recq.api.QueryGateway;
import io.recq.api.SagaState;
import io.recq.cdi.event.saga.SagaEngine;
import io.recq.cdi.event.saga.SagaRoute;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.HandlerArguments;

/**
 * Tests a {@code @Saga} without a container: given the events published before, when one more event is
 * published, expect the commands the saga sends and whether its instance is still active.
 *
 * <pre>{@code
 * SagaFixture.of(TransferSaga.class)
 *         .given(new TransferRequested("t-1", "acc-1", "acc-2", 50))
 *         .whenPublished(new MoneyWithdrawn("acc-1", 50, "t-1"))
 *         .expectCommands(new DepositMoney("acc-2", 50, "t-1"))
 *         .expectActive()
 *         .expectAssociation("transferId", "t-1");
 * }</pre>
 *
 * <p>What runs is what the server runs: the component is checked by the deployment's introspection (an
 * invalid saga fails {@link #of} with the deployment's {@code RECQ-000xx} problems), events are routed and
 * handled by the same engine ({@link SagaEngine}): an event reaches the instances whose association for
 * the handler's {@code associationProperty} equals the event's value of that property; an {@code init}
 * handler starts a new instance, associated with that value; an ended instance is removed. Every event,
 * command and query goes through the same JSON-B codec as on the wire, and saga state is kept as JSON
 * between events, as in the store.
 *
 * <p>The {@link CommandGateway} a handler receives records the commands instead of dispatching them (with
 * the correlation metadata they would carry); its {@link QueryGateway} answers from
 * {@link #stubQuery stubs}. When a handler fails, its instance keeps its previous state and the commands
 * it sent are discarded, as the server rolls them back together. A fixture is used for one
 * {@code whenPublished}; create one per test.
 *
 * @param <S> the saga class
 */
public final class SagaFixture<S> {

    private final Class<S> sagaClass;
    private final Supplier<? extends S> factory;
    private final SagaEngine engine;
    private final FixtureCodec codec;
    private final Stubs stubs = new Stubs();
    private final RecordingCommandGateway commandGateway;
    private final StubbingQueryGateway queryGateway;
    private final EventStream stream = new EventStream();
    private final List<Published> history = new ArrayList<>();
    private final Map<String, String> instances = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private S target;
    private boolean used;

    private record Published(Event event, String aggregateId, Metadata metadata) {
    }

    /** One saga instance an event reached or started, after the handler. */
    record Reached(String id, SagaState state, boolean started) {
    }

    /** What publishing one event did. */
    private record Delivery(String where, List<Reached> reached, Throwable failure) {
    }

    private SagaFixture(Class<S> sagaClass, Supplier<? extends S> factory) {
        ComponentModel component = Components.inspect(sagaClass, ComponentKind.SAGA, "SagaFixture");
        this.sagaClass = sagaClass;
        this.factory = factory;
        this.engine = new SagaEngine(component);
        this.codec = new FixtureCodec(Components.model(List.of(component)));
        this.commandGateway = new RecordingCommandGateway(codec, stubs);
        this.queryGateway = new StubbingQueryGateway(codec, stubs);
    }

    /**
     * A fixture for a saga the fixture creates itself: with its {@code @Inject} constructor or its
     * no-argument constructor, with {@code CommandGateway} and {@code QueryGateway} injected into
     * {@code @Inject} constructor parameters, fields and initializer methods.
     *
     * @param sagaClass the {@code @Saga} class
     * @param <S> the saga class
     * @return the fixture
     * @throws InvalidComponentException when the class would fail the deployment, listing every problem
     */
    public static <S> SagaFixture<S> of(Class<S> sagaClass) {
        return new SagaFixture<>(sagaClass, null);
    }

    /**
     * A fixture for a saga the test creates, for example with test doubles of the beans it injects.
     *
     * @param sagaClass the {@code @Saga} class
     * @param factory creates the instance that handles the events
     * @param <S> the saga class
     * @return the fixture
     * @throws InvalidComponentException when the class would fail the deployment, listing every problem
     */
    public static <S> SagaFixture<S> of(Class<S> sagaClass, Supplier<? extends S> factory) {
        return new SagaFixture<>(sagaClass, Objects.requireNonNull(factory, "factory"));
    }

    /**
     * @param clock gives the timestamps of the published events; the system clock by default
     * @return this fixture
     */
    public SagaFixture<S> withClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Answers a query the saga sends through its {@code QueryGateway}. The answer is written to JSON and
     * read back into the query's answer type, as the server does. A query without a stub fails with
     * {@code HandlerNotFoundException}.
     *
     * @param queryType the query class
     * @param answer computes the answer from the query, or throws to make the query fail
     * @param <Q> the query class
     * @param <R> the answer type
     * @return this fixture
     */
    public <Q extends Query<R>, R> SagaFixture<S> stubQuery(Class<Q> queryType,
            Function<? super Q, ? extends R> answer) {
        stubs.query(queryType, answer);
        return this;
    }

    /**
     * Gives a result to a command the saga sends; without a stub the sender's future completes with
     * {@code null}. The command is recorded either way.
     *
     * @param commandType the command class
     * @param result computes the result (the event the command produced) from the command, or throws to
     *        make the send fail
     * @param <C> the command class
     * @return this fixture
     */
    public <C extends Command> SagaFixture<S> stubCommand(Class<C> commandType, Function<? super C, ?> result) {
        stubs.command(commandType, result);
        return this;
    }

    /**
     * @param events events published before, oldest first; the commands the saga sends while handling them
     *        are not part of the expectations
     * @return this fixture
     */
    public SagaFixture<S> given(Event... events) {
        return given(Metadata.empty(), events);
    }

    /**
     * @param metadata the metadata of every one of these events
     * @param events events published before, oldest first
     * @return this fixture
     * @see #given(Event...)
     */
    public SagaFixture<S> given(Metadata metadata, Event... events) {
        Objects.requireNonNull(metadata, "metadata");
        for (Event event : events) {
            history.add(new Published(Objects.requireNonNull(event, "a given event is null"), null, metadata));
        }
        return this;
    }

    /**
     * Like {@link #given(Event...)}, for events of one aggregate instance: their {@code EventMessage} carries
     * the aggregate id and increasing aggregate versions.
     *
     * @param aggregateId the id of the aggregate that produced the events
     * @param events its events, oldest first
     * @return this fixture
     */
    public SagaFixture<S> givenAggregateEvents(String aggregateId, DomainEvent... events) {
        Objects.requireNonNull(aggregateId, "aggregateId");
        for (DomainEvent event : events) {
            history.add(new Published(Objects.requireNonNull(event, "a given event is null"), aggregateId,
                    Metadata.empty()));
        }
        return this;
    }

    /**
     * States that nothing was published before: no saga instance exists.
     *
     * @return this fixture
     */
    public SagaFixture<S> givenNoPriorActivity() {
        if (!history.isEmpty()) {
            throw new IllegalStateException("givenNoPriorActivity() after " + history.size()
                    + " given events; call one or the other");
        }
        return this;
    }

    /**
     * Publishes an event with no metadata.
     *
     * @param event the event
     * @return the outcome, to check with its {@code expect...} methods
     */
    public SagaResult whenPublished(Event event) {
        return whenPublished(event, Metadata.empty());
    }

    /**
     * Publishes an event.
     *
     * @param event the event
     * @param metadata its metadata (the commands the saga sends carry its correlation)
     * @return the outcome, to check with its {@code expect...} methods
     * @throws AssertionError when a given event cannot be handled, or saga state cannot be stored as JSON
     */
    public SagaResult whenPublished(Event event, Metadata metadata) {
        Objects.requireNonNull(event, "event");
        if (used) {
            throw new IllegalStateException("This SagaFixture has already published its event. Fix: create a new "
                    + "fixture for each whenPublished(...)");
        }
        used = true;
        target = factory != null ? factory.get()
                : Injection.create(sagaClass,
                        Map.of(CommandGateway.class, commandGateway, QueryGateway.class, queryGateway),
                        "SagaFixture.of");
        for (int i = 0; i < history.size(); i++) {
            Published given = history.get(i);
            Delivery delivery = publish(given);
            if (delivery.failure() != null) {
                throw new AssertionError("Given event [" + i + "] " + given.event() + " failed in "
                        + delivery.where() + ": " + Report.brief(delivery.failure()), delivery.failure());
            }
        }
        commandGateway.discardFrom(0);
        Delivery delivery = publish(new Published(event, null, metadata == null ? Metadata.empty() : metadata));
        return new SagaResult(delivery.where(), delivery.reached(), delivery.failure(),
                delivery.failure() == null ? commandGateway.recorded() : List.of(), instances.size(),
                new Report(codec));
    }

    private Delivery publish(Published published) {
        Event received;
        try {
            received = codec.roundTrip(published.event());
        } catch (RuntimeException e) {
            return new Delivery(sagaClass.getName(), List.of(), e);
        }
        FixtureEventMessage<Event> message = stream.next(received, published.aggregateId(), published.metadata(),
                clock);
        Optional<SagaRoute> found = engine.route(received);
        if (found.isEmpty()) {
            return new Delivery(sagaClass.getName() + " (no handler for " + received.getClass().getSimpleName() + ")",
                    List.of(), null);
        }
        SagaRoute route = found.get();
        String where = route.handler().describe();
        String messageId = UUID.randomUUID().toString();
        int mark = commandGateway.size();
        List<Reached> reached = new ArrayList<>();
        try {
            if (route.isInit()) {
                SagaState started = engine.handle(target, route, null, messageId, arguments(received, message));
                if (started != null) {
                    reached.add(new Reached(UUID.randomUUID().toString(), started, true));
                }
            } else {
                for (Map.Entry<String, String> stored : instances.entrySet()) {
                    SagaState state = codec.readValue(stored.getValue(), engine.model().stateType());
                    if (route.matches(state)) {
                        SagaState after = engine.handle(target, route, state, messageId, arguments(received, message));
                        reached.add(new Reached(stored.getKey(), after, false));
                    }
                }
            }
        } catch (Throwable failure) {
            commandGateway.discardFrom(mark);
            return new Delivery(where, List.of(), failure);
        }
        List<Reached> after = new ArrayList<>();
        for (Reached r : reached) {
            if (r.state().isEnded()) {
                instances.remove(r.id());
                after.add(r);
            } else {
                String json = store(r.state(), where);
                instances.put(r.id(), json);
                after.add(new Reached(r.id(), codec.readValue(json, engine.model().stateType()), r.started()));
            }
        }
        return new Delivery(where, after, null);
    }

    private HandlerArguments arguments(Event event, FixtureEventMessage<Event> message) {
        return HandlerArguments.of(event).metadata(message.metadata()).timestamp(message.timestamp())
                .eventMessage(message).commandGateway(commandGateway).queryGateway(queryGateway);
    }

    private String store(SagaState state, String where) {
        Class<?> stateType = engine.model().stateType();
        try {
            return codec.writeValue(state, stateType, "state " + stateType.getSimpleName() + " of "
                    + sagaClass.getSimpleName());
        } catch (RuntimeException e) {
            throw new AssertionError("The saga state left by " + where + " cannot be stored: " + e.getMessage(), e);
        }
    }
}
