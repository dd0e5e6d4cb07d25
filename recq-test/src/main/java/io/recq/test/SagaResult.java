package io.recq.test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.recq.api.Command;
import io.recq.api.SagaState;

/**
 * The outcome of {@link SagaFixture#whenPublished}: the saga instances the event reached (or started) with
 * their state afterwards, the commands the saga sent, or the exception a handler failed with. Each
 * {@code expect...} method throws an {@link AssertionError} that shows what was expected and what happened,
 * and returns this result for further checks. The checks about "the instance" require that the event
 * reached exactly one instance.
 */
public final class SagaResult {

    private final String where;
    private final List<SagaFixture.Reached> reached;
    private final Throwable failure;
    private final List<RecordedCommand> commands;
    private final int activeInstances;
    private final Report report;

    SagaResult(String where, List<SagaFixture.Reached> reached, Throwable failure, List<RecordedCommand> commands,
            int activeInstances, Report report) {
        this.where = where;
        this.reached = List.copyOf(reached);
        this.failure = failure;
        this.commands = List.copyOf(commands);
        this.activeInstances = activeInstances;
        this.report = report;
    }

    /**
     * Expects exactly these commands, in this order, compared with {@code equals}.
     *
     * @param expected the commands the saga sent
     * @return this result
     */
    public SagaResult expectCommands(Command... expected) {
        return expectCommands(Arrays.asList(expected));
    }

    /**
     * @param expected the commands the saga sent, in order
     * @return this result
     * @see #expectCommands(Command...)
     */
    public SagaResult expectCommands(List<? extends Command> expected) {
        Expectations.success(where, failure, report.list(expected, "command"));
        Expectations.commands(where, expected, commands, report);
        return this;
    }

    /**
     * Expects that the saga handled the event (or ignored it) without sending a command.
     *
     * @return this result
     */
    public SagaResult expectNoCommands() {
        return expectCommands(List.of());
    }

    /**
     * Expects that the instance the event reached (or started) is still active.
     *
     * @return this result
     */
    public SagaResult expectActive() {
        SagaFixture.Reached instance = theInstance("an active saga instance");
        if (instance.state().isEnded()) {
            throw new AssertionError("Expected the saga instance to be active after " + where
                    + ", but it ended; its state: " + report.describe(instance.state()));
        }
        return this;
    }

    /**
     * Expects that the instance the event reached (or started) has ended, and is therefore removed.
     *
     * @return this result
     */
    public SagaResult expectEnded() {
        SagaFixture.Reached instance = theInstance("an ended saga instance");
        if (!instance.state().isEnded()) {
            throw new AssertionError("Expected the saga instance to end after " + where
                    + ", but it is still active; its state: " + report.describe(instance.state()));
        }
        return this;
    }

    /**
     * Expects that the instance the event reached (or started) is associated with {@code value} for
     * {@code property}, so that later events with that value reach it.
     *
     * @param property the event property name
     * @param value the value
     * @return this result
     */
    public SagaResult expectAssociation(String property, String value) {
        SagaFixture.Reached instance = theInstance("a saga instance associated with " + property + "=" + value);
        Optional<String> actual = instance.state().getAssociation(property);
        if (!actual.filter(v -> v.equals(value)).isPresent()) {
            throw new AssertionError("Expected the saga instance to be associated with " + property + "=" + value
                    + " after " + where + ", but " + (actual.isPresent() ? "it is associated with " + property + "="
                            + actual.get() : "it has no association for " + property)
                    + "; its associations: " + instance.state().getAssociations());
        }
        return this;
    }

    /**
     * Expects that the event reached no saga instance and started none: no instance was associated with
     * its value, or the saga has no handler for it.
     *
     * @return this result
     */
    public SagaResult expectNoInstanceReached() {
        Expectations.success(where, failure, "the event to reach no saga instance");
        if (!reached.isEmpty()) {
            throw new AssertionError("Expected the event to reach no saga instance, but " + where + " handled it in "
                    + reached.size() + " instance" + (reached.size() == 1 ? "" : "s") + ": "
                    + reached.stream().map(r -> report.describe(r.state())).toList());
        }
        return this;
    }

    /**
     * Expects a number of active instances of the saga after the event, all associations together (after
     * a failed handler, as many as before the event).
     *
     * @param count the number of active instances
     * @return this result
     */
    public SagaResult expectActiveInstances(int count) {
        if (activeInstances != count) {
            throw new AssertionError("Expected " + count + " active saga instances after " + where + ", but there are "
                    + activeInstances);
        }
        return this;
    }

    /**
     * Checks the state of the instance the event reached (or started), as it was stored after the handler.
     * Declare the state class in the lambda: {@code .expectState((TransferState t) -> ...)}.
     *
     * @param check assertions on the state
     * @param <T> the saga's state class
     * @return this result
     */
    @SuppressWarnings("unchecked")
    public <T extends SagaState> SagaResult expectState(Consumer<T> check) {
        check.accept((T) theInstance("a saga state to check").state());
        return this;
    }

    /**
     * Expects that a handler failed with an exception of this class (or a subclass); the instance then keeps
     * its previous state and the commands it sent are discarded.
     *
     * @param type the exception class
     * @return this result
     */
    public SagaResult expectException(Class<? extends Throwable> type) {
        Expectations.exception(where, failure, type, null, report.list(commandsOf(), "command"));
        return this;
    }

    /**
     * @param type the exception class
     * @param messageFragment text the message contains
     * @return this result
     * @see #expectException(Class)
     */
    public SagaResult expectException(Class<? extends Throwable> type, String messageFragment) {
        Expectations.exception(where, failure, type, messageFragment, report.list(commandsOf(), "command"));
        return this;
    }

    /**
     * @return the commands the saga sent, with the metadata they would travel with (correlation included)
     */
    public List<RecordedCommand> commands() {
        return commands;
    }

    /**
     * @param <T> the saga's state class
     * @return the state of the instance the event reached (or started), as stored after the handler
     */
    @SuppressWarnings("unchecked")
    public <T extends SagaState> T state() {
        return (T) theInstance("a saga state").state();
    }

    /**
     * @return the exception a handler failed with, if one failed
     */
    public Optional<Throwable> exception() {
        return Optional.ofNullable(failure);
    }

    private List<Command> commandsOf() {
        return commands.stream().map(RecordedCommand::command).toList();
    }

    private SagaFixture.Reached theInstance(String expectation) {
        Expectations.success(where, failure, expectation);
        if (reached.size() != 1) {
            throw new AssertionError("Expected " + expectation + ", but the event reached " + (reached.isEmpty()
                    ? "no saga instance (no instance is associated with its value, or " + where
                            + " did not start one)"
                    : reached.size() + " saga instances: " + reached.stream().map(r -> report.describe(r.state()))
                            .toList()));
        }
        return reached.get(0);
    }
}
