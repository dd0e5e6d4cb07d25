package io.recq.cdi.runtime;

import java.util.Optional;
import java.util.concurrent.Callable;

import io.recq.api.ForbiddenMessageException;
import io.recq.api.Metadata;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ErrorCode;

/**
 * The handler running on the current thread, if any: which component it belongs to, and the metadata of
 * the message it handles. Gateways consult it to enforce the RECQ capability table and to carry
 * correlation metadata to the messages a handler sends.
 */
public final class HandlerScope {

    /**
     * A running handler.
     *
     * @param kind the component kind
     * @param component where the handler is, for messages ({@code com.acme.X#handle(Y)})
     * @param messageId the id of the handled message
     * @param metadata the metadata of the handled message
     */
    public record Frame(ComponentKind kind, String component, String messageId, Metadata metadata) {
    }

    private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

    private HandlerScope() {
    }

    /**
     * Runs {@code action} as the given handler.
     *
     * @param frame the handler
     * @param action what to run
     * @param <T> the result type
     * @return the action's result
     * @throws Exception the action's exception
     */
    public static <T> T call(Frame frame, Callable<T> action) throws Exception {
        Frame previous = CURRENT.get();
        CURRENT.set(frame);
        try {
            return action.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * @return the handler running on this thread, if any
     */
    public static Optional<Frame> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Refuses a command sent from a component kind that may not send commands.
     *
     * @throws ForbiddenMessageException when the running handler's component may not send commands
     */
    public static void checkMayCommand() {
        Frame frame = CURRENT.get();
        if (frame != null && !frame.kind().mayCommand()) {
            throw new ForbiddenMessageException(ErrorCode.FORBIDDEN_MESSAGE.code() + " " + frame.component()
                    + ": an @" + frame.kind().displayName() + " may not send commands. Fix: send queries only, "
                    + "or move the command to a saga, an observer or an invoker");
        }
    }

    /**
     * Refuses a query sent from a component kind that may not send queries.
     *
     * @throws ForbiddenMessageException when the running handler's component may not send queries
     */
    public static void checkMayQuery() {
        Frame frame = CURRENT.get();
        if (frame != null && !frame.kind().mayQuery()) {
            throw new ForbiddenMessageException(ErrorCode.FORBIDDEN_MESSAGE.code() + " " + frame.component()
                    + ": an @" + frame.kind().displayName() + " may not send queries. Fix: decide on the "
                    + "command and the current state alone, or move the query to a saga, an observer or an invoker");
        }
    }

    /**
     * The metadata of a message sent now: the handled message's metadata (without its idempotency key) with
     * its correlation and causation ids, overridden by the sender's explicit metadata.
     *
     * @param explicit what the sender passed
     * @return the metadata to send
     */
    public static Metadata outgoing(Metadata explicit) {
        Metadata own = explicit == null ? Metadata.empty() : explicit;
        Frame frame = CURRENT.get();
        if (frame == null) {
            return own;
        }
        Metadata inherited = frame.metadata().without(Metadata.IDEMPOTENCY_KEY);
        if (frame.messageId() != null) {
            inherited = inherited.with(Metadata.CAUSATION_ID, frame.messageId());
            if (inherited.get(Metadata.CORRELATION_ID).isEmpty()) {
                inherited = inherited.with(Metadata.CORRELATION_ID, frame.messageId());
            }
        }
        return inherited.and(own);
    }
}
