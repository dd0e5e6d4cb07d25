package io.recq.cdi.command.aggregate;

import io.recq.api.AggregateAlreadyInitializedException;
import io.recq.api.AggregateDeletedException;
import io.recq.api.AggregateNotInitializedException;
import io.recq.api.AggregateState;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.HandlerMethod;

/**
 * The lifecycle rules of an aggregate instance, checked before a command handler runs:
 * <ol>
 * <li>a deleted instance ({@link AggregateState#isDeleted()}) rejects every command;</li>
 * <li>an {@code init} handler needs an instance that does not exist yet;</li>
 * <li>any other handler needs an instance that exists.</li>
 * </ol>
 */
public final class AggregateLifecycle {

    private AggregateLifecycle() {
    }

    /**
     * @param handler the command handler about to run
     * @param instance the instance the command is addressed to
     * @throws AggregateDeletedException when the instance is deleted
     * @throws AggregateAlreadyInitializedException when an init handler meets an existing instance
     * @throws AggregateNotInitializedException when another handler meets a missing instance
     */
    public static void check(HandlerMethod handler, AggregateInstance instance) {
        if (instance.state() instanceof AggregateState state && state.isDeleted()) {
            throw new AggregateDeletedException(ErrorCode.AGGREGATE_DELETED.code() + " " + handler.describe()
                    + ": the " + handler.componentClass().getSimpleName() + " '" + instance.aggregateId()
                    + "' is deleted (version " + instance.version() + "). Fix: address commands to an aggregate "
                    + "that is not deleted; a deleted aggregate rejects every later command");
        }
        if (handler.isInit() && instance.exists()) {
            throw new AggregateAlreadyInitializedException(ErrorCode.AGGREGATE_ALREADY_INITIALIZED.code() + " "
                    + handler.describe() + ": the " + handler.componentClass().getSimpleName() + " '"
                    + instance.aggregateId() + "' already exists (version " + instance.version() + "). Fix: use a "
                    + "new aggregate id to create an instance, or send a command that is not an init command");
        }
        if (!handler.isInit() && !instance.exists()) {
            throw new AggregateNotInitializedException(ErrorCode.AGGREGATE_NOT_INITIALIZED.code() + " "
                    + handler.describe() + ": there is no " + handler.componentClass().getSimpleName() + " '"
                    + instance.aggregateId() + "'. Fix: create it first with its init command, or check the "
                    + "aggregate id");
        }
    }
}
