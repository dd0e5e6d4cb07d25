package io.recq.cdi.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
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
    /** How many messages the running handler has sent so far. */
    private static final ThreadLocal<int[]> SENDS = new ThreadLocal<>();

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
        int[] previousSends = SENDS.get();
        CURRENT.set(frame);
        SENDS.set(new int[1]);
        try {
            return action.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
                SENDS.remove();
            } else {
                CURRENT.set(previous);
                SENDS.set(previousSends);
            }
        }
    }

    /**
     * The message id of the next command the running handler sends. An observer handles an event outside any
     * transaction, at least once: its commands get ids derived from the handler, the event and the send's
     * place among the handler's sends, so that handling the same event again sends the same ids, and the
     * receiving inbox handles each command once. Everywhere else (a saga's, an aggregate's or a service's
     * sends roll back with their transaction; an invoker's are new requests) the id is random.
     *
     * @return a message id
     */
    public static String nextMessageId() {
        Frame frame = CURRENT.get();
        int[] sends = SENDS.get();
        if (frame == null || sends == null || frame.messageId() == null || frame.kind() != ComponentKind.OBSERVER) {
            return UUID.randomUUID().toString();
        }
        sends[0]++;
        String seed = frame.component() + '\n' + frame.messageId() + '\n' + sends[0];
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
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
