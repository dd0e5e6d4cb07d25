package io.recq.jms.command;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.Destination;

import io.recq.api.RecqException;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.runtime.HandlerScope;
import io.recq.cdi.runtime.RecqRuntime;
import io.recq.cdi.spi.CommandBus;
import io.recq.cdi.spi.CommandOutbox;
import io.recq.cdi.spi.CommandRequest;
import io.recq.cdi.spi.OutgoingCommand;
import io.recq.jms.JmsTransport;
import io.recq.jms.reply.ReplyChannel;

/**
 * Sends commands to the command queue and completes the caller's future with the reply.
 *
 * <p>A command sent by a handler that runs in a JTA transaction (a saga, an aggregate, a service) is written
 * to the store's {@link CommandOutbox} in that transaction: it exists exactly when the sender's state,
 * position or events do. {@link CommandForwarder} sends it after the commit (and sweeps up what a node that
 * died left behind); if the transaction rolls back, the caller's future fails at once and nothing is sent.
 * When the outbox cannot be written, the sender's transaction is marked for rollback: a saga never moves on
 * without its command. A command sent from anywhere else (an invoker, an observer) goes to the broker at
 * once, outside any transaction, or, when this node consumes commands, is handled in this JVM without a
 * broker round trip ({@link LocalCommands}).
 *
 * <p>Commands never expire: they carry no time-to-live, only the caller's deadline, which bounds how long
 * the reply is kept.
 */
@ApplicationScoped
public class JmsCommandBus implements CommandBus {

    private static final Logger LOG = Logger.getLogger(JmsCommandBus.class.getName());

    private JmsTransport transport;
    private Instance<CommandOutbox> outboxes;
    private CommandForwarder forwarder;
    private LocalCommands local;

    protected JmsCommandBus() {
        // for the proxy
    }

    @Inject
    public JmsCommandBus(JmsTransport transport, Instance<CommandOutbox> outboxes, CommandForwarder forwarder,
            LocalCommands local) {
        this.transport = transport;
        this.outboxes = outboxes;
        this.forwarder = forwarder;
        this.local = local;
    }

    @Override
    public CompletableFuture<Object> dispatch(CommandRequest request) {
        boolean throughOutbox = HandlerScope.current().isPresent() && transport.inTransaction()
                && outboxes.isResolvable();
        try {
            transport.ensureStarted();
            CompletableFuture<Object> result = transport.replies().register(request.messageId(), request.timeout(),
                    new ReplyChannel.ReplyReader() {
                        @Override
                        public Object read(String name, String json) {
                            return read(name, null, json);
                        }

                        @Override
                        public Object read(String name, String resultClass, String json) {
                            return result(name, resultClass, json);
                        }
                    },
                    "command " + request.payloadName());
            if (throughOutbox) {
                viaOutbox(request);
            } else if (local.accepts() && transport.service().equals(request.service())) {
                local.dispatch(request, failures -> sendNow(request, failures));
            } else {
                sendNow(request, 0);
            }
            return result;
        } catch (RuntimeException e) {
            if (throughOutbox) {
                // the handler's transaction promised this command: it must not commit without it
                transport.setRollbackOnly();
            }
            if (transport.replies() != null) {
                transport.replies().fail(request.messageId(), e);
            }
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A command's result as the sender reads it: the event, when this deployment has its class (its handlers
     * declare it, or the replying service names a class the application's class loader has); else
     * {@code null}, the command having succeeded.
     */
    private Object result(String name, String resultClass, String json) {
        if (name == null || json == null) {
            return null;
        }
        RecqRuntime runtime = transport.runtime();
        if (runtime.payloadType(name).isEmpty()
                && !runtime.learn(name, resultClass, Thread.currentThread().getContextClassLoader())) {
            LOG.fine(() -> "RECQ reads the result " + name + " of a command as null: this deployment has no class "
                    + resultClass);
            return null;
        }
        return runtime.codec().readPayload(name, json);
    }

    private void viaOutbox(CommandRequest request) {
        OutgoingCommand command = new OutgoingCommand(request.messageId(), request.payloadName(), request.json(),
                request.routingKey(), request.metadata(), Instant.now());
        outboxes.get().add(command);
        forwarder.forwardAfterCommit(command, request.timeout(), status -> transport.replies().fail(
                request.messageId(), new RecqException(ErrorCode.REQUEST_NOT_SENT.code() + " the command "
                        + request.payloadName() + " was sent in a transaction that did not commit, so it was never "
                        + "sent. Fix: find why the sending handler's transaction rolled back")));
    }

    private void sendNow(CommandRequest request, int failures) {
        Destination replyTo = transport.replies().replyTo();
        if (replyTo == null) {
            throw transport.unavailable("no reply queue (" + transport.replies().lastError() + ")");
        }
        long now = System.currentTimeMillis();
        CommandMessages.send(transport, request.service(), request.messageId(), request.payloadName(), request.json(),
                request.routingKey(), request.metadata(), now, replyTo, now + request.timeout().toMillis(), failures);
    }
}
