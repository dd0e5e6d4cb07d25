package io.recq.jms.command;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;

import io.recq.api.RecqException;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.runtime.HandlerScope;
import io.recq.cdi.spi.CommandBus;
import io.recq.cdi.spi.CommandRequest;
import io.recq.jms.JmsTransport;
import io.recq.jms.MessageFormat;

/**
 * Sends commands to the command queue and completes the caller's future with the reply.
 *
 * <p>A command is a persistent message grouped by its routing key ({@code JMSXGroupID}), so that the broker
 * hands all commands of one aggregate (or service lock id) to one consumer at a time, across every node
 * sharing the broker. A command sent by a handler that runs in a JTA transaction (a saga, an observer, an
 * aggregate) joins that transaction: it leaves when the transaction commits, and the caller's future fails
 * at once if it rolls back. A command sent from anywhere else leaves at once, even inside a transaction.
 */
@ApplicationScoped
public class JmsCommandBus implements CommandBus {

    private JmsTransport transport;

    protected JmsCommandBus() {
        // for the proxy
    }

    @Inject
    public JmsCommandBus(JmsTransport transport) {
        this.transport = transport;
    }

    @Override
    public CompletableFuture<Object> dispatch(CommandRequest request) {
        try {
            transport.ensureStarted();
            Destination replyTo = transport.replies().replyTo();
            if (replyTo == null) {
                throw transport.unavailable("no reply queue (" + transport.replies().lastError() + ")");
            }
            long now = System.currentTimeMillis();
            long timeout = request.timeout().toMillis();
            long deadline = now + timeout;
            CompletableFuture<Object> result = transport.replies().register(request.messageId(), request.timeout(),
                    (name, json) -> name == null || json == null ? null
                            : transport.runtime().codec().readPayload(name, json),
                    "command " + request.payloadName());
            boolean joinTransaction = HandlerScope.current().isPresent() && transport.inTransaction();
            try {
                transport.send(transport.config().commandQueue(), false, request.json(), message -> {
                    message.setJMSReplyTo(replyTo);
                    message.setJMSCorrelationID(request.messageId());
                    message.setStringProperty(MessageFormat.MESSAGE_ID, request.messageId());
                    message.setStringProperty(MessageFormat.PAYLOAD, request.payloadName());
                    message.setStringProperty(MessageFormat.METADATA, MessageFormat.writeMetadata(request.metadata()));
                    message.setLongProperty(MessageFormat.TIMESTAMP, now);
                    message.setLongProperty(MessageFormat.DEADLINE, deadline);
                    if (request.routingKey() != null) {
                        message.setStringProperty(MessageFormat.ROUTING_KEY, request.routingKey());
                        message.setStringProperty(MessageFormat.GROUP_ID, request.routingKey());
                    }
                }, DeliveryMode.PERSISTENT, timeout, joinTransaction);
                if (joinTransaction) {
                    transport.afterRollback(status -> transport.replies().fail(request.messageId(),
                            new RecqException(ErrorCode.REQUEST_NOT_SENT.code() + " the command "
                                    + request.payloadName() + " was sent in a transaction that did not commit, so it "
                                    + "was never sent. Fix: find why the sending handler's transaction rolled back")));
                }
            } catch (RuntimeException e) {
                transport.replies().fail(request.messageId(), e);
            }
            return result;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
