package io.recq.test;

import java.lang.reflect.Type;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import io.recq.api.CommandGateway;
import io.recq.api.DomainEvent;
import io.recq.api.Event;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.Metadata;
import io.recq.api.Multiple;
import io.recq.api.ProjectorStatus;
import io.recq.api.Query;
import io.recq.api.QueryGateway;
import io.recq.api.RecqException;
import io.recq.api.Single;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.model.PayloadTypes;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.runtime.HandlerScope;

/**
 * Tests a {@code @Projector} and the {@code @Projection}s that read its JPA read model together, without a
 * container: feed events to the projector, then ask the projections' query handlers and check the
 * answers. The read model lives in a private in-memory H2 database managed by Hibernate ORM, created from
 * the entity classes when the fixture starts and dropped when it is closed, so a test takes milliseconds.
 *
 * <pre>{@code
 * try (ProjectorFixture<AccountsProjector> fixture = ProjectorFixture.of(AccountsProjector.class)
 *         .withEntities(AccountView.class)
 *         .withProjection(AccountsProjection.class)) {
 *     fixture.given(new AccountOpened("acc-1", "Ann"), new MoneyDeposited("acc-1", 100))
 *             .expectAnswer(new FindAccount("acc-1"), Single.of(new AccountSummary("acc-1", "Ann", 100)));
 * }
 * }</pre>
 *
 * <p><b>Entities</b> are listed explicitly with {@link #withEntities}: exactly those classes (entities,
 * embeddables, mapped superclasses) form the persistence unit, no {@code persistence.xml} is read.
 *
 * <p><b>Components</b> are created by the fixture with their {@code @Inject} constructor or their
 * no-argument constructor. It injects, by type, {@code EntityManager} into {@code @PersistenceContext} or
 * {@code @Inject} fields and into {@code @Inject} constructor and initializer-method parameters, and
 * {@code CommandGateway} and {@code QueryGateway} likewise. Any other injection point fails fast; create
 * such a component yourself with {@link #of(Class, Function)} or {@link #withProjection(Class, Function)},
 * which hand you the fixture's {@code EntityManager}. That {@code EntityManager} behaves like the server's
 * container-managed one: it works on the persistence context of the running handler call, and refuses
 * {@code close()} and {@code getTransaction()}.
 *
 * <p><b>Events</b> are delivered as the server delivers them: each JSON-B round-tripped, in its own
 * transaction (a failing handler rolls back its event's changes and fails the test), with an
 * {@code EventMessage} whose global sequence increases from 1, and a {@code ProjectorStatus} whose
 * {@code isHeadReached()} is {@code true} unless the fixture is {@link #replaying()}. Events of a context
 * the projector does not consume, or without a handler, are skipped.
 *
 * <p><b>Queries</b> run through the projection's query handler without transaction; query and answer go
 * through JSON-B as on the wire, so the test sees what a caller of {@code QueryGateway} would see. The
 * gateways handed to handlers enforce the capability table: a projector or projection that sends a command
 * fails with {@code ForbiddenMessageException}; the queries they send are answered from
 * {@link #stubQuery stubs}.
 *
 * <p>Configure the fixture ({@code with...}, {@code stubQuery}, {@code replaying}) before the first
 * {@code given}, {@code query} or {@code inTransaction}, which start it. Close it (try-with-resources, or
 * JUnit's {@code @AutoClose}) to drop the database at once; a fixture lost without being closed is
 * released when it is garbage collected. A fixture is not thread-safe.
 *
 * @param <P> the projector class
 */
public final class ProjectorFixture<P> implements AutoCloseable {

    private final Class<P> projectorClass;
    private final Function<EntityManager, ? extends P> projectorFactory;
    private final ComponentModel projector;
    private final Map<Class<?>, Projection<?>> projections = new LinkedHashMap<>();
    private final Set<Class<?>> entities = new LinkedHashSet<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Stubs stubs = new Stubs();
    private final EventStream stream = new EventStream();
    private Clock clock = Clock.systemUTC();
    private boolean replaying;

    private Started started;
    private boolean closed;

    private record Projection<Q>(ComponentModel model, Function<EntityManager, ? extends Q> factory) {
    }

    /** Everything that exists once the fixture has started. */
    private record Started(RecqModel model, FixtureCodec codec, ReadModelDatabase database, Object projector,
            Map<Class<?>, Object> projections, RecordingCommandGateway commandGateway,
            StubbingQueryGateway queryGateway, Report report) {
    }

    private ProjectorFixture(Class<P> projectorClass, Function<EntityManager, ? extends P> projectorFactory) {
        this.projector = Components.inspect(projectorClass, ComponentKind.PROJECTOR, "ProjectorFixture");
        this.projectorClass = projectorClass;
        this.projectorFactory = projectorFactory;
    }

    /**
     * A fixture for a projector the fixture creates and injects itself (see the class description).
     *
     * @param projectorClass the {@code @Projector} class
     * @param <P> the projector class
     * @return the fixture, to be configured and then started by {@code given} or {@code query}
     * @throws InvalidComponentException when the class would fail the deployment, listing every problem
     */
    public static <P> ProjectorFixture<P> of(Class<P> projectorClass) {
        return new ProjectorFixture<>(projectorClass, null);
    }

    /**
     * A fixture for a projector the test creates, for example with test doubles of the beans it injects.
     *
     * @param projectorClass the {@code @Projector} class
     * @param factory creates the projector from the fixture's container-managed {@code EntityManager}
     * @param <P> the projector class
     * @return the fixture, to be configured and then started by {@code given} or {@code query}
     * @throws InvalidComponentException when the class would fail the deployment, listing every problem
     */
    public static <P> ProjectorFixture<P> of(Class<P> projectorClass, Function<EntityManager, ? extends P> factory) {
        return new ProjectorFixture<>(projectorClass, Objects.requireNonNull(factory, "factory"));
    }

    /**
     * @param entityClasses the JPA entities (and embeddables, mapped superclasses) of the read model
     * @return this fixture
     */
    public ProjectorFixture<P> withEntities(Class<?>... entityClasses) {
        checkNotStarted("withEntities");
        for (Class<?> type : entityClasses) {
            if (!isPersistent(type)) {
                throw new IllegalArgumentException(type.getName() + " is not a JPA entity, embeddable or mapped "
                        + "superclass. Fix: annotate it with @Entity, or leave it out of withEntities(...)");
            }
            entities.add(type);
        }
        return this;
    }

    /**
     * Adds a projection the fixture creates and injects itself (see the class description), whose query
     * handlers {@link #query} runs.
     *
     * @param projectionClass the {@code @Projection} class
     * @return this fixture
     * @throws InvalidComponentException when the class would fail the deployment, listing every problem
     */
    public ProjectorFixture<P> withProjection(Class<?> projectionClass) {
        return addProjection(projectionClass, null);
    }

    /**
     * Adds a projection the test creates, whose query handlers {@link #query} runs.
     *
     * @param projectionClass the {@code @Projection} class
     * @param factory creates the projection from the fixture's container-managed {@code EntityManager}
     * @param <Q> the projection class
     * @return this fixture
     * @throws InvalidComponentException when the class would fail the deployment, listing every problem
     */
    public <Q> ProjectorFixture<P> withProjection(Class<Q> projectionClass,
            Function<EntityManager, ? extends Q> factory) {
        return addProjection(projectionClass, Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Sets a JPA or Hibernate property of the persistence unit, for example {@code hibernate.show_sql}, or
     * {@code jakarta.persistence.jdbc.url} to use another in-memory database such as
     * {@code jdbc:h2:mem:test;MODE=PostgreSQL}.
     *
     * @param name the property name
     * @param value its value
     * @return this fixture
     */
    public ProjectorFixture<P> withProperty(String name, String value) {
        checkNotStarted("withProperty");
        properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * @param clock gives the timestamps of the events; the system clock by default
     * @return this fixture
     */
    public ProjectorFixture<P> withClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Delivers the events as during a replay: {@code ProjectorStatus.isHeadReached()} is {@code false}.
     *
     * @return this fixture
     */
    public ProjectorFixture<P> replaying() {
        this.replaying = true;
        return this;
    }

    /**
     * Answers a query the projector or a projection sends through its {@code QueryGateway}; without a stub
     * such a query fails with {@code HandlerNotFoundException}.
     *
     * @param queryType the query class
     * @param answer computes the answer from the query
     * @param <Q> the query class
     * @param <R> the answer type
     * @return this fixture
     */
    public <Q extends Query<R>, R> ProjectorFixture<P> stubQuery(Class<Q> queryType,
            Function<? super Q, ? extends R> answer) {
        stubs.query(queryType, answer);
        return this;
    }

    /**
     * Delivers events to the projector, each in its own transaction, in order.
     *
     * @param events the events
     * @return this fixture
     * @throws AssertionError when the projector fails on an event (its changes are rolled back) or an event
     *         would not survive the wire
     */
    public ProjectorFixture<P> given(Event... events) {
        return given(Metadata.empty(), events);
    }

    /**
     * Delivers events with metadata to the projector, each in its own transaction, in order.
     *
     * @param metadata the metadata of every event ({@code EventMessage#metadata()}, {@code Metadata}
     *        parameters)
     * @param events the events
     * @return this fixture
     * @throws AssertionError when the projector fails on an event
     */
    public ProjectorFixture<P> given(Metadata metadata, Event... events) {
        for (Event event : events) {
            deliver(Objects.requireNonNull(event, "a given event is null"), null, metadata);
        }
        return this;
    }

    /**
     * Delivers events of one aggregate instance: their {@code EventMessage} carries the aggregate id and
     * increasing aggregate versions.
     *
     * @param aggregateId the id of the aggregate that produced the events
     * @param events its events, oldest first
     * @return this fixture
     * @throws AssertionError when the projector fails on an event
     */
    public ProjectorFixture<P> givenAggregateEvents(String aggregateId, DomainEvent... events) {
        Objects.requireNonNull(aggregateId, "aggregateId");
        for (DomainEvent event : events) {
            deliver(Objects.requireNonNull(event, "a given event is null"), aggregateId, Metadata.empty());
        }
        return this;
    }

    /**
     * Asks the projection that handles the query, as a caller of {@code QueryGateway#queryAndWait} would.
     *
     * @param query the query
     * @param <R> the answer type
     * @return the answer, read back from JSON into the query's answer type
     * @throws HandlerNotFoundException when no projection given to the fixture handles the query
     * @throws RuntimeException the query handler's own exception
     */
    @SuppressWarnings("unchecked")
    public <R> R query(Query<R> query) {
        Objects.requireNonNull(query, "query");
        Started s = start();
        HandlerMethod handler = s.model().queryHandler(query.getClass()).orElseThrow(
                () -> new HandlerNotFoundException(ErrorCode.HANDLER_NOT_FOUND.code() + " no @Projection of this "
                        + "fixture handles " + query.getClass().getName() + ". Fix: add it with .withProjection("
                        + "YourProjection.class)"));
        Type answerType = PayloadTypes.answerTypeOf(query.getClass()).orElseThrow();
        Query<R> received = s.codec().roundTrip(query);
        Object target = s.projections().get(handler.componentClass());
        HandlerArguments arguments = HandlerArguments.of(received).timestamp(clock.instant())
                .commandGateway(s.commandGateway()).queryGateway(s.queryGateway());
        Object answer;
        try {
            answer = s.database().withoutTransaction(() -> HandlerScope.call(
                    new HandlerScope.Frame(ComponentKind.PROJECTION, handler.describe(), UUID.randomUUID().toString(),
                            Metadata.empty()),
                    () -> invoke(handler, target, arguments)));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new RecqException(handler.describe() + " threw " + e, e);
        }
        return (R) s.codec().roundTripValue(answer, answerType, "answer to " + query.getClass().getSimpleName());
    }

    /**
     * Asks the projection that handles the query and expects an answer equal to {@code expected}. The
     * failure message shows both, and for {@code Multiple} answers the items that differ.
     *
     * @param query the query
     * @param expected the answer expected
     * @param <R> the answer type
     * @return this fixture
     */
    public <R> ProjectorFixture<P> expectAnswer(Query<R> query, R expected) {
        R actual = query(query);
        if (!Objects.equals(expected, actual)) {
            Report report = started.report();
            String where = started.model().queryHandler(query.getClass()).map(HandlerMethod::describe).orElseThrow();
            String detail;
            if (expected instanceof Multiple<?> e && actual instanceof Multiple<?> a) {
                detail = "Expected " + report.list(e.data(), "item") + "\nbut got " + report.list(a.data(), "item")
                        + "\nDifferences:\n" + report.differences(e.data(), a.data(), "item");
            } else if (expected instanceof Single<?> e && actual instanceof Single<?> a) {
                detail = "Expected " + report.describe(expected) + "\nbut got  " + report.describe(actual)
                        + "\nDifference: " + report.difference(e.data(), a.data());
            } else {
                detail = "Expected " + report.describe(expected) + "\nbut got  " + report.describe(actual)
                        + "\nDifference: " + report.difference(expected, actual);
            }
            throw new AssertionError("Unexpected answer from " + where + " to " + report.describe(query) + ".\n"
                    + detail);
        }
        return this;
    }

    /**
     * Runs {@code work} in a transaction of its own on the read model, to prepare data the events do not
     * create or to inspect the entities directly.
     *
     * @param work what to do with the entity manager
     * @param <T> the result type
     * @return what {@code work} returned
     */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        Started s = start();
        EntityManager em = s.database().entityManager();
        try {
            return s.database().inTransaction(() -> work.apply(em));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return the projector instance under test
     */
    public P projector() {
        return projectorClass.cast(start().projector());
    }

    /**
     * Drops the read model database. Closing twice does nothing.
     */
    @Override
    public void close() {
        closed = true;
        if (started != null) {
            started.database().close();
            started.codec().close();
        }
    }

    private void deliver(Event event, String aggregateId, Metadata metadata) {
        Started s = start();
        Event received;
        try {
            received = s.codec().roundTrip(event);
        } catch (RuntimeException e) {
            throw new AssertionError("Event " + event + " could not have been stored: " + e.getMessage(), e);
        }
        FixtureEventMessage<Event> message = stream.next(received, aggregateId, metadata, clock);
        Optional<HandlerMethod> found = projector.handler(HandlerKind.EVENT, received.getClass());
        if (found.isEmpty() || !projector.consumesContext(received.context())) {
            return;
        }
        HandlerMethod handler = found.get();
        boolean headReached = !replaying;
        ProjectorStatus status = () -> headReached;
        HandlerArguments arguments = HandlerArguments.of(received).metadata(message.metadata())
                .timestamp(message.timestamp()).eventMessage(message).projectorStatus(status)
                .commandGateway(s.commandGateway()).queryGateway(s.queryGateway());
        try {
            s.database().inTransaction(() -> HandlerScope.call(
                    new HandlerScope.Frame(ComponentKind.PROJECTOR, handler.describe(), UUID.randomUUID().toString(),
                            message.metadata()),
                    () -> invoke(handler, s.projector(), arguments)));
        } catch (Exception | Error e) {
            throw new AssertionError(handler.describe() + " failed on event #" + message.sequence() + " "
                    + received + " (its changes were rolled back): " + Report.brief(e), e);
        }
    }

    private Started start() {
        if (closed) {
            throw new IllegalStateException("This ProjectorFixture is closed");
        }
        if (started != null) {
            return started;
        }
        List<ComponentModel> components = new ArrayList<>();
        components.add(projector);
        projections.values().forEach(p -> components.add(p.model()));
        RecqModel model = Components.model(components);
        FixtureCodec codec = new FixtureCodec(model);
        RecordingCommandGateway commandGateway = new RecordingCommandGateway(codec, stubs);
        StubbingQueryGateway queryGateway = new StubbingQueryGateway(codec, stubs);
        ReadModelDatabase database = new ReadModelDatabase(projectorClass.getSimpleName(), List.copyOf(entities),
                properties);
        try {
            EntityManager em = database.entityManager();
            Map<Class<?>, Object> beans = Map.of(EntityManager.class, em, CommandGateway.class, commandGateway,
                    QueryGateway.class, queryGateway);
            Object projectorInstance = projectorFactory != null ? projectorFactory.apply(em)
                    : Injection.create(projectorClass, beans, "ProjectorFixture.of");
            Map<Class<?>, Object> projectionInstances = new LinkedHashMap<>();
            projections.forEach((type, p) -> projectionInstances.put(type, p.factory() != null
                    ? p.factory().apply(em) : Injection.create(type, beans, "ProjectorFixture#withProjection")));
            started = new Started(model, codec, database, projectorInstance, projectionInstances, commandGateway,
                    queryGateway, new Report(codec));
            return started;
        } catch (RuntimeException | Error e) {
            database.close();
            codec.close();
            throw e;
        }
    }

    private ProjectorFixture<P> addProjection(Class<?> projectionClass, Function<EntityManager, ?> factory) {
        checkNotStarted("withProjection");
        ComponentModel model = Components.inspect(projectionClass, ComponentKind.PROJECTION, "ProjectorFixture");
        projections.put(projectionClass, new Projection<>(model, factory));
        return this;
    }

    private void checkNotStarted(String what) {
        if (started != null || closed) {
            throw new IllegalStateException(what + "(...) after the fixture started. Fix: configure the fixture "
                    + "before the first given(...), query(...) or inTransaction(...)");
        }
    }

    private static boolean isPersistent(Class<?> type) {
        return Arrays.stream(type.getAnnotations()).map(a -> a.annotationType().getName())
                .anyMatch(n -> n.equals("jakarta.persistence.Entity") || n.equals("jakarta.persistence.Embeddable")
                        || n.equals("jakarta.persistence.MappedSuperclass"));
    }

    private static Object invoke(HandlerMethod handler, Object target, HandlerArguments arguments) throws Exception {
        try {
            return handler.invoke(target, arguments);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(handler.describe() + " threw " + t, t);
        }
    }
}
