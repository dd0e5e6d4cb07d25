package io.recq.cdi.command.aggregate;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.recq.api.AggregateAlreadyInitializedException;
import io.recq.api.AggregateDeletedException;
import io.recq.api.AggregateNotInitializedException;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.EventMessage;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ComponentModel;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.model.HandlerKind;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.runtime.HandlerScope;

/**
 * Runs commands and events through one aggregate component with the RECQ rules:
 *
 * <ul>
 * <li><b>Lifecycle.</b> An {@code init} command on an existing instance fails with
 * {@link AggregateAlreadyInitializedException}; any other command on an instance without events fails with
 * {@link AggregateNotInitializedException}; any command on an instance whose state
 * {@link io.recq.api.AggregateState#isDeleted() is deleted} fails with {@link AggregateDeletedException}.
 * The messages carry the codes {@code RECQ-01006}, {@code RECQ-01005} and {@code RECQ-01007}.</li>
 * <li><b>Command handlers</b> run inside a {@link HandlerScope} frame of an {@code @Aggregate} (so their
 * gateways enforce the capability table and carry correlation) and receive the current state
 * ({@code null} in an {@code init} handler). They return one {@link DomainEvent} or a {@code List} of them;
 * {@code null} or an empty list means that nothing happened.</li>
 * <li><b>Event-sourcing handlers</b> apply each returned event, in order, to the state: a handler returns
 * the new state, or returns {@code void} after mutating the state it was given. When the state is still
 * {@code null} (the first event) and the handler returns {@code void}, a fresh state is created with the
 * state class's no-argument constructor before the call. A handler that returns {@code null} leaves the
 * state it was given. An event without an event-sourcing handler leaves the state as it is but still
 * counts as a version.</li>
 * </ul>
 *
 * <p>The engine keeps nothing between calls and knows no store: the caller loads the
 * {@link AggregateInstance} (snapshot and events, replayed with {@link #apply}), calls
 * {@link #handle}, and appends the {@link CommandOutcome#events()}. A failing handler's exception is thrown
 * unchanged and nothing is returned, so no event is left behind. The server runtime and the test kit
 * both use this class.
 */
public final class AggregateEngine {

    private final ComponentModel aggregate;

    /**
     * @param aggregate the model of an {@code @Aggregate} component
     * @throws IllegalArgumentException when the component is not an aggregate
     */
    public AggregateEngine(ComponentModel aggregate) {
        this.aggregate = Objects.requireNonNull(aggregate, "aggregate");
        if (aggregate.kind() != ComponentKind.AGGREGATE) {
            throw new IllegalArgumentException(aggregate.componentClass().getName() + " is an @"
                    + aggregate.kind().displayName() + ", not an @Aggregate");
        }
    }

    /**
     * @return the aggregate's model
     */
    public ComponentModel model() {
        return aggregate;
    }

    /**
     * @param commandType a command class
     * @return the aggregate's handler for exactly that class
     */
    public Optional<HandlerMethod> commandHandler(Class<?> commandType) {
        return aggregate.handler(HandlerKind.AGGREGATE_COMMAND, commandType);
    }

    /**
     * @return a fresh state created with the state class's no-argument constructor, or {@code null} when
     *         the aggregate declares no state type
     * @throws IllegalStateException when the state class cannot be instantiated
     */
    public Object newState() {
        Class<?> stateType = aggregate.stateType();
        if (stateType == null) {
            return null;
        }
        return instantiate(stateType, aggregate.componentClass());
    }

    /**
     * Applies one stored event to an instance, as when rebuilding it from the store. The event's
     * event-sourcing handler runs without gateways: replaying history sends nothing.
     *
     * @param target the aggregate component instance
     * @param current the instance before the event
     * @param event the stored event
     * @return the instance after the event: version plus one, state updated
     * @throws Exception the event-sourcing handler's own exception, unchanged
     */
    public AggregateInstance apply(Object target, AggregateInstance current, EventMessage<? extends DomainEvent> event)
            throws Exception {
        Objects.requireNonNull(event, "event");
        Object state = applyToState(target, current.state(), event.payload(), event.metadata(), event.timestamp(),
                event);
        return new AggregateInstance(current.aggregateId(), current.version() + 1, state);
    }

    /**
     * Handles one command against an instance: checks the lifecycle, calls the command handler inside a
     * {@link HandlerScope} frame, and applies the events it returned to the state. The produced events are
     * applied with the command's metadata and timestamp and an {@link EventMessage} whose global sequence
     * is 0, because the store has not assigned it yet.
     *
     * @param target the aggregate component instance
     * @param current the instance the command is addressed to (its id must be the command's aggregate id)
     * @param messageId the id of the command message, for correlation of what the handler sends
     * @param command the command, with the metadata, timestamp and gateways the handler may receive; its
     *        state is set here
     * @return the events and the instance after them
     * @throws HandlerNotFoundException when the aggregate has no handler for the command's class
     * @throws AggregateAlreadyInitializedException when an {@code init} command reaches an existing instance
     * @throws AggregateNotInitializedException when another command reaches an instance without events
     * @throws AggregateDeletedException when any command reaches a deleted instance
     * @throws Exception the command or event-sourcing handler's own exception, unchanged
     */
    public CommandOutcome handle(Object target, AggregateInstance current, String messageId, HandlerArguments command)
            throws Exception {
        Objects.requireNonNull(current, "current");
        if (!(command.payload() instanceof DomainCommand domainCommand)) {
            throw new IllegalArgumentException("An aggregate handles DomainCommands, got "
                    + command.payload().getClass().getName());
        }
        String id = domainCommand.aggregateId();
        if (id == null || id.isBlank()) {
            throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " the command "
                    + domainCommand.getClass().getSimpleName() + " has no aggregate id. Fix: set the id of the "
                    + aggregate.name() + " it is addressed to");
        }
        if (!id.equals(current.aggregateId())) {
            throw new IllegalArgumentException("The command " + domainCommand.getClass().getSimpleName()
                    + " is addressed to '" + id + "' but the loaded instance is '" + current.aggregateId() + "'");
        }
        HandlerMethod handler = commandHandler(domainCommand.getClass())
                .orElseThrow(() -> new HandlerNotFoundException(ErrorCode.HANDLER_NOT_FOUND.code() + " "
                        + aggregate.componentClass().getName() + " has no @AggregateCommandHandler for "
                        + domainCommand.getClass().getName()
                        + ". Fix: declare one, or send the command to the component that handles it"));
        checkLifecycle(handler, current);

        command.state(current.state());
        Object returned = HandlerScope.call(
                new HandlerScope.Frame(ComponentKind.AGGREGATE, handler.describe(), messageId, command.metadata()),
                () -> invoke(handler, target, command));
        List<DomainEvent> events = eventsOf(handler, returned);

        Object state = current.state();
        long version = current.version();
        for (DomainEvent event : events) {
            version++;
            PendingEventMessage message = new PendingEventMessage(0, id, version, event.context(),
                    command.timestamp(), command.metadata(), event);
            state = applyToState(target, state, event, command.metadata(), command.timestamp(), message);
        }
        return new CommandOutcome(events, new AggregateInstance(id, version, state));
    }

    private void checkLifecycle(HandlerMethod handler, AggregateInstance current) {
        String where = handler.describe();
        String instance = aggregate.name() + " '" + current.aggregateId() + "'";
        if (current.isDeleted()) {
            throw new AggregateDeletedException(ErrorCode.AGGREGATE_DELETED.code() + " " + where + ": the aggregate "
                    + instance + " is deleted (version " + current.version() + ") and accepts no more commands"
                    + ". Fix: address a live instance, or create a new one with another id");
        }
        if (handler.isInit() && current.exists()) {
            throw new AggregateAlreadyInitializedException(ErrorCode.AGGREGATE_ALREADY_INITIALIZED.code() + " "
                    + where + ": the aggregate " + instance + " already exists (version " + current.version()
                    + "), and this handler has init = true. Fix: choose a new aggregate id, or send a command "
                    + "that acts on an existing instance");
        }
        if (!handler.isInit() && !current.exists()) {
            throw new AggregateNotInitializedException(ErrorCode.AGGREGATE_NOT_INITIALIZED.code() + " " + where
                    + ": the aggregate " + instance + " does not exist. Fix: create it first with its init "
                    + "command" + initCommands() + ", or check the aggregate id");
        }
    }

    private String initCommands() {
        List<String> names = aggregate.handlers(HandlerKind.AGGREGATE_COMMAND).stream()
                .filter(HandlerMethod::isInit).map(h -> h.payloadType().getSimpleName()).toList();
        return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
    }

    private static List<DomainEvent> eventsOf(HandlerMethod handler, Object returned) {
        if (returned == null) {
            return List.of();
        }
        if (returned instanceof DomainEvent event) {
            return List.of(event);
        }
        if (returned instanceof Collection<?> collection) {
            List<DomainEvent> events = new ArrayList<>(collection.size());
            int i = 0;
            for (Object element : collection) {
                if (!(element instanceof DomainEvent event)) {
                    throw new IllegalStateException(ErrorCode.HANDLER_FAILED.code() + " " + handler.describe()
                            + " returned a list whose element " + i + " is "
                            + (element == null ? "null" : "a " + element.getClass().getName())
                            + ". Fix: return DomainEvents only");
                }
                events.add(event);
                i++;
            }
            return events;
        }
        throw new IllegalStateException(ErrorCode.HANDLER_FAILED.code() + " " + handler.describe() + " returned a "
                + returned.getClass().getName() + ". Fix: return a DomainEvent or a List of DomainEvents");
    }

    private Object applyToState(Object target, Object state, DomainEvent event, Metadata metadata, Instant timestamp,
            EventMessage<?> message) throws Exception {
        Optional<HandlerMethod> found = aggregate.handler(HandlerKind.EVENT_SOURCING, event.getClass());
        if (found.isEmpty()) {
            return state;
        }
        HandlerMethod handler = found.get();
        Object given = state;
        if (given == null && handler.returnsVoid()) {
            given = newState();
        }
        HandlerArguments arguments = HandlerArguments.of(event).state(given).metadata(metadata).timestamp(timestamp)
                .eventMessage(message);
        Object returned = invoke(handler, target, arguments);
        return returned != null ? returned : given;
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

    static Object instantiate(Class<?> type, Class<?> owner) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.trySetAccessible();
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("The state class " + type.getName() + " of " + owner.getName()
                    + " has no no-argument constructor. Fix: add a public one", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("The constructor of the state class " + type.getName() + " of "
                    + owner.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create the state class " + type.getName() + " of "
                    + owner.getName() + ": " + e + ". Fix: make it a public class with a public no-argument "
                    + "constructor", e);
        }
    }
}
