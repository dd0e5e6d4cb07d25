package io.recq.test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.recq.api.Command;
import io.recq.api.DomainEvent;

/**
 * The outcome of {@link AggregateFixture#when}: the events the command produced, or the exception it
 * failed with, the aggregate's state afterwards, and the commands the aggregate sent. Each
 * {@code expect...} method throws an {@link AssertionError} that shows what was expected and what happened,
 * and returns this result for further checks.
 */
public final class AggregateResult {

    private final String handler;
    private final List<DomainEvent> events;
    private final Object state;
    private final Throwable failure;
    private final List<RecordedCommand> commands;
    private final Report report;

    AggregateResult(String handler, List<DomainEvent> events, Object state, Throwable failure,
            List<RecordedCommand> commands, Report report) {
        this.handler = handler;
        this.events = List.copyOf(events);
        this.state = state;
        this.failure = failure;
        this.commands = List.copyOf(commands);
        this.report = report;
    }

    /**
     * Expects exactly these events, in this order, compared with {@code equals} (records compare their
     * components). The failure message lists both sides and, per position, the properties that differ.
     *
     * @param expected the events
     * @return this result
     */
    public AggregateResult expectEvents(DomainEvent... expected) {
        return expectEvents(Arrays.asList(expected));
    }

    /**
     * @param expected the events, in order
     * @return this result
     * @see #expectEvents(DomainEvent...)
     */
    public AggregateResult expectEvents(List<? extends DomainEvent> expected) {
        Expectations.success(handler, failure, report.list(expected, "event"));
        Expectations.sameList(handler, "event", expected, events, report);
        return this;
    }

    /**
     * Expects that the command succeeded without producing an event.
     *
     * @return this result
     */
    public AggregateResult expectNoEvents() {
        return expectEvents(List.of());
    }

    /**
     * Expects that the command failed with an exception of this class (or a subclass), and therefore
     * produced no event.
     *
     * @param type the exception class
     * @return this result
     */
    public AggregateResult expectException(Class<? extends Throwable> type) {
        Expectations.exception(handler, failure, type, null, report.list(events, "event"));
        return this;
    }

    /**
     * Expects that the command failed with an exception of this class (or a subclass) whose message
     * contains {@code messageFragment}, for example a stable code such as {@code "RECQ-01006"}.
     *
     * @param type the exception class
     * @param messageFragment text the message contains
     * @return this result
     */
    public AggregateResult expectException(Class<? extends Throwable> type, String messageFragment) {
        Expectations.exception(handler, failure, type, messageFragment, report.list(events, "event"));
        return this;
    }

    /**
     * Checks the state after the command (after the snapshot round trip, unless the fixture turned it off).
     * Declare the state class in the lambda: {@code .expectState((BankAccount a) -> ...)}.
     *
     * @param check assertions on the state; {@code null} is passed when the aggregate has no state
     * @param <S> the aggregate's state class
     * @return this result
     */
    @SuppressWarnings("unchecked")
    public <S> AggregateResult expectState(Consumer<S> check) {
        Expectations.success(handler, failure, "a state to check");
        check.accept((S) state);
        return this;
    }

    /**
     * Expects exactly these commands sent by the aggregate, in this order.
     *
     * @param expected the commands
     * @return this result
     */
    public AggregateResult expectCommands(Command... expected) {
        Expectations.commands(handler, Arrays.asList(expected), commands, report);
        return this;
    }

    /**
     * Expects that the aggregate sent no command.
     *
     * @return this result
     */
    public AggregateResult expectNoCommands() {
        Expectations.commands(handler, List.of(), commands, report);
        return this;
    }

    /**
     * @return the events produced, in order (empty when the command failed)
     */
    public List<DomainEvent> events() {
        return events;
    }

    /**
     * @param <S> the aggregate's state class
     * @return the state after the command; the state before it when the command failed
     */
    @SuppressWarnings("unchecked")
    public <S> S state() {
        return (S) state;
    }

    /**
     * @return the exception the command failed with, if it failed
     */
    public Optional<Throwable> exception() {
        return Optional.ofNullable(failure);
    }

    /**
     * @return the commands the aggregate sent, with the metadata they would travel with
     */
    public List<RecordedCommand> commands() {
        return commands;
    }
}
