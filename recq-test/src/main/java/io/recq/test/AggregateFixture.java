package io.recq.test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.recq.api.Command;
import io.recq.api.CommandGateway;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.api.QueryGateway;
import io.recq.cdi.command.aggregate.AggregateEngine;
import io.recq.cdi.command.aggregate.AggregateInstance;
import io.recq.cdi.command.aggregate.CommandOutcome;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerMethod;

/**
 * Tests an {@code @Aggregate} without a container: given its past events, when a command arrives, expect
 * the events it produces (or the exception it throws) and the state it leaves.
 *
 * <pre>{@code
 * AggregateFixture.of(BankAccountAggregate.class)
 *         .given(new AccountOpened("acc-1", "Ann"), new MoneyDeposited("acc-1", 100))
 *         .when(new WithdrawMoney("acc-1", 30))
 *         .expectEvents(new MoneyWithdrawn("acc-1", 30))
 *         .expectState((BankAccount account) -> assertThat(account.getBalance()).isEqualTo(70));
 * }</pre>
 *
 * <p>What runs is what the server runs: the component is checked by the deployment's introspection (an
 * invalid aggregate fails {@link #of} with the deployment's {@code RECQ-000xx} problems); commands and
 * events are handled by the same engine ({@link AggregateEngine}), with the same lifecycle exceptions
 * ({@code AggregateAlreadyInitializedException}, {@code AggregateNotInitializedException},
 * {@code AggregateDeletedException}); every command and event goes through the same JSON-B codec as on the
 * wire, so a payload that would fail there fails here. The given events are the history of the aggregate
 * instance the command is addressed to.
 *
 * <p>Snapshots must not change the outcome: unless {@link #withoutSnapshotRoundTrip()} is called, the
 * state is written to JSON and read back (as from a snapshot) after the given history and after the
 * command, and the fixture fails when the state cannot be written or read, or loses a property on the
 * way.
 *
 * <p>The handler's {@link CommandGateway} (parameter or {@code @Inject} field) records the commands the
 * aggregate sends instead of dispatching them; its {@link QueryGateway} refuses queries as the server does
 * (aggregates may not query). A fixture is used for one {@code when}; create one per test.
 *
 * @param <A> the aggregate class
 */
public final class AggregateFixture<A> {

    private final Class<A> aggregateClass;
    private final Supplier<? extends A> factory;
    private final AggregateEngine engine;
    private final FixtureCodec codec;
    private final Stubs stubs = new Stubs();
    private final RecordingCommandGateway commandGateway;
    private final StubbingQueryGateway queryGateway;
    private final List<Object> history = new ArrayList<>();
    private boolean snapshotRoundTrip = true;
    private Clock clock = Clock.systemUTC();
    private boolean used;

    private record GivenCommand(DomainCommand command, Metadata metadata) {
    }

    private AggregateFixture(Class<A> aggregateClass, Supplier<? extends A> factory) {
        ComponentModel component = Components.inspect(aggregateClass, ComponentKind.AGGREGATE, "AggregateFixture");
        this.aggregateClass = aggregateClass;
        this.factory = factory;
        this.engine = new AggregateEngine(component);
        this.codec = new FixtureCodec(Components.model(List.of(component)));
        this.commandGateway = new RecordingCommandGateway(codec, stubs);
        this.queryGateway = new StubbingQueryGateway(codec, stubs);
    }

    /**
     * A fixture for an aggregate the fixture creates itself: with its {@code @Inject} constructor or its
     * no-argument constructor, with {@code CommandGateway} and {@code QueryGateway} injected into
     * {@code @Inject} constructor parameters, fields and initializer methods.
     *
     * @param aggregateClass the {@code @Aggregate} class
     * @param <A> the aggregate class
     * @return the fixture
     * @throws InvalidComponentException when the class would fail the deployment, listing every problem
     */
    public static <A> AggregateFixture<A> of(Class<A> aggregateClass) {
        return new AggregateFixture<>(aggregateClass, null);
    }

    /**
     * A fixture for an aggregate the test creates, for example with test doubles of the beans it injects.
     *
     * @param aggregateClass the {@code @Aggregate} class
     * @param factory creates the instance that handles the commands
     * @param <A> the aggregate class
     * @return the fixture
     * @throws InvalidComponentException when the class would fail the deployment, listing every problem
     */
    public static <A> AggregateFixture<A> of(Class<A> aggregateClass, Supplier<? extends A> factory) {
        return new AggregateFixture<>(aggregateClass, Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Hands the state to the command handler and to {@link AggregateResult#expectState} as the handlers
     * built it, without writing it to JSON and reading it back. Use it only for an aggregate whose state is
     * never snapshotted nor cached outside the JVM.
     *
     * @return this fixture
     */
    public AggregateFixture<A> withoutSnapshotRoundTrip() {
        this.snapshotRoundTrip = false;
        return this;
    }

    /**
     * @param clock gives the timestamps of the command and of the events ({@code Instant} handler parameters
     *        and {@code EventMessage#timestamp()}); the system clock by default
     * @return this fixture
     */
    public AggregateFixture<A> withClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Gives a result to a command the aggregate sends through its {@code CommandGateway}; without a stub
     * the sender's future completes with {@code null}. The command is recorded either way.
     *
     * @param commandType the command class
     * @param result computes the result from the command, or throws to make the send fail
     * @param <C> the command class
     * @return this fixture
     */
    public <C extends Command> AggregateFixture<A> stubCommand(Class<C> commandType, Function<? super C, ?> result) {
        stubs.command(commandType, result);
        return this;
    }

    /**
     * @param events the history of the aggregate instance, oldest first
     * @return this fixture
     */
    public AggregateFixture<A> given(DomainEvent... events) {
        return given(Arrays.asList(events));
    }

    /**
     * @param events the history of the aggregate instance, oldest first
     * @return this fixture
     */
    public AggregateFixture<A> given(List<? extends DomainEvent> events) {
        for (DomainEvent event : events) {
            history.add(Objects.requireNonNull(event, "a given event is null"));
        }
        return this;
    }

    /**
     * Builds the history by handling commands first (the events they produce become the history; the
     * commands the aggregate sends meanwhile are not part of the expectations).
     *
     * @param commands commands addressed to the same aggregate instance as the one given to {@code when}
     * @return this fixture
     */
    public AggregateFixture<A> givenCommands(DomainCommand... commands) {
        for (DomainCommand command : commands) {
            history.add(new GivenCommand(Objects.requireNonNull(command, "a given command is null"),
                    Metadata.empty()));
        }
        return this;
    }

    /**
     * States that the aggregate instance has no history: the command meets an instance that does not exist.
     *
     * @return this fixture
     */
    public AggregateFixture<A> givenNoPriorActivity() {
        if (!history.isEmpty()) {
            throw new IllegalStateException("givenNoPriorActivity() after " + history.size()
                    + " given events or commands; call one or the other");
        }
        return this;
    }

    /**
     * Handles a command with no metadata.
     *
     * @param command the command, addressed to the instance whose history was given
     * @return the outcome, to check with its {@code expect...} methods
     */
    public AggregateResult when(DomainCommand command) {
        return when(command, Metadata.empty());
    }

    /**
     * Handles a command.
     *
     * @param command the command, addressed to the instance whose history was given
     * @param metadata the command's metadata; the events produced carry it
     * @return the outcome, to check with its {@code expect...} methods
     * @throws AssertionError when the given history cannot be replayed, or the state does not survive the
     *         snapshot round trip
     */
    public AggregateResult when(DomainCommand command, Metadata metadata) {
        Objects.requireNonNull(command, "command");
        if (used) {
            throw new IllegalStateException("This AggregateFixture has already handled a command. Fix: create a new "
                    + "fixture for each when(...)");
        }
        used = true;
        Metadata md = metadata == null ? Metadata.empty() : metadata;
        Report report = new Report(codec);
        String handler = engine.commandHandler(command.getClass()).map(HandlerMethod::describe)
                .orElse(aggregateClass.getName() + " handling " + command.getClass().getSimpleName());
        String id = command.aggregateId();
        if (id == null || id.isBlank()) {
            return new AggregateResult(handler, List.of(), null, new InvalidPayloadException(
                    ErrorCode.INVALID_PAYLOAD.code() + " the command " + command.getClass().getSimpleName()
                            + " has no aggregate id. Fix: set the id of the aggregate it is addressed to"),
                    List.of(), report);
        }
        A target = factory != null ? factory.get()
                : Injection.create(aggregateClass,
                        Map.of(CommandGateway.class, commandGateway, QueryGateway.class, queryGateway),
                        "AggregateFixture.of");
        AggregateInstance instance = replayHistory(target, id);
        if (snapshotRoundTrip) {
            instance = snapshot(instance, "after the given history");
        }

        CommandOutcome outcome;
        try {
            DomainCommand received = codec.roundTrip(command);
            outcome = engine.handle(target, instance, UUID.randomUUID().toString(), arguments(received, md));
            for (DomainEvent event : outcome.events()) {
                codec.roundTrip(event);
            }
        } catch (Throwable failure) {
            commandGateway.discardFrom(0);
            return new AggregateResult(handler, List.of(), instance.state(), failure, List.of(), report);
        }
        AggregateInstance after = snapshotRoundTrip ? snapshot(outcome.instance(), "after the command")
                : outcome.instance();
        return new AggregateResult(handler, outcome.events(), after.state(), null, commandGateway.recorded(), report);
    }

    private AggregateInstance replayHistory(A target, String id) {
        AggregateInstance instance = AggregateInstance.absent(id);
        long sequence = 0;
        for (int i = 0; i < history.size(); i++) {
            Object given = history.get(i);
            if (given instanceof DomainEvent event) {
                DomainEvent stored;
                try {
                    stored = codec.roundTrip(event);
                } catch (RuntimeException e) {
                    throw new AssertionError("Given event [" + i + "] " + event.getClass().getSimpleName()
                            + " could not have been stored: " + e.getMessage(), e);
                }
                FixtureEventMessage<DomainEvent> message = new FixtureEventMessage<>(++sequence, id,
                        instance.version() + 1, stored.context(), clock.instant(), Metadata.empty(), stored);
                try {
                    instance = engine.apply(target, instance, message);
                } catch (Throwable e) {
                    throw new AssertionError("Applying given event [" + i + "] " + stored + " to "
                            + aggregateClass.getSimpleName() + " failed: " + Report.brief(e), e);
                }
            } else {
                GivenCommand command = (GivenCommand) given;
                if (!id.equals(command.command().aggregateId())) {
                    throw new IllegalArgumentException("Given command [" + i + "] " + command.command()
                            + " is addressed to '" + command.command().aggregateId() + "', but when(...) to '" + id
                            + "'. Fix: an AggregateFixture tests one aggregate instance; address them all to it");
                }
                try {
                    DomainCommand received = codec.roundTrip(command.command());
                    CommandOutcome outcome = engine.handle(target, instance, UUID.randomUUID().toString(),
                            arguments(received, command.metadata()));
                    for (DomainEvent event : outcome.events()) {
                        codec.roundTrip(event);
                        sequence++;
                    }
                    instance = outcome.instance();
                } catch (Throwable e) {
                    throw new AssertionError("Given command [" + i + "] " + command.command() + " failed: "
                            + Report.brief(e), e);
                }
            }
        }
        commandGateway.discardFrom(0);
        return instance;
    }

    private HandlerArguments arguments(DomainCommand command, Metadata metadata) {
        return HandlerArguments.of(command).metadata(metadata).timestamp(clock.instant())
                .commandGateway(commandGateway).queryGateway(queryGateway);
    }

    private AggregateInstance snapshot(AggregateInstance instance, String when) {
        Class<?> stateType = engine.model().stateType();
        if (instance.state() == null || stateType == null) {
            return instance;
        }
        try {
            Object read = codec.roundTripValue(instance.state(), stateType,
                    "state " + stateType.getSimpleName() + " of " + aggregateClass.getSimpleName());
            return new AggregateInstance(instance.aggregateId(), instance.version(), read);
        } catch (RuntimeException e) {
            throw new AssertionError("The state of " + aggregateClass.getSimpleName() + " " + when
                    + " does not survive a snapshot: " + e.getMessage()
                    + " (call withoutSnapshotRoundTrip() only if it is never snapshotted)", e);
        }
    }
}
