package io.recq.jms.command;

import java.util.Enumeration;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;

import io.recq.api.Command;
import io.recq.api.InvalidPayloadException;
import io.recq.api.RecqException;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.CommandOutcome;
import io.recq.cdi.spi.CommandProcessor;
import io.recq.cdi.spi.IncomingCommand;
import io.recq.jms.ConsumerLoop;
import io.recq.jms.InboundRequest;
import io.recq.jms.JmsTransport;
import io.recq.jms.MessageFormat;
import io.recq.jms.event.EventPublisher;
import io.recq.jms.reply.Replies;

/**
 * One consumer thread of the command queue. Each message is consumed in its own JTA transaction, in which
 * the command is processed, its events published and the reply sent: the caller hears of the result only
 * after commit. A processor exception rolls the transaction back, so that the broker delivers the message
 * again; after {@code recq.command.max-deliveries} deliveries the message is moved to the RECQ dead-letter
 * queue in the consuming transaction. A message that cannot be read is answered with an
 * {@link InvalidPayloadException} (or, without a reply-to, moved to the dead-letter queue), and is
 * consumed. Nothing is stored for any of these.
 *
 * <p>A transaction takes the commands already waiting, up to {@code recq.command.batch-size}: each is
 * processed and answered on its own, and they commit together, so that a busy consumer pays one two-phase
 * commit (and one hold of the global sequence's lock) for several commands; it never waits for more. When a
 * batch rolls back, its messages come back, and the consumer takes its next messages one per transaction;
 * a command delivered again that a consumer takes first is also handled alone. So a failing command is,
 * in the end, retried and dead-lettered alone.
 *
 * <p>Each transaction opens its own JMS context (and consumer) and closes it after the commit. A resource
 * adapter enlists a connection in the transaction that is active when the connection is taken from its pool;
 * a context kept across transactions is enlisted again only where the server tracks connections for the
 * calling component, which a managed thread of a library in {@code EAR/lib} is not: the session would then
 * consume, publish and reply in a local transaction that nobody commits. The pooled connection makes the
 * context cheap; the connection factory RECQ defines has no consumer window, so that a short-lived consumer
 * does not take messages other consumers could handle.
 */
public final class CommandConsumer extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class.getName());

    private final JmsTransport transport;
    private final CommandProcessor processor;
    private final UserTransaction transaction;
    private JMSContext context;
    private int solo;

    /**
     * @param name the thread's name
     * @param transport the transport
     * @param processor the runtime that handles commands
     */
    public CommandConsumer(String name, JmsTransport transport, CommandProcessor processor) {
        super(name);
        this.transport = transport;
        this.processor = processor;
        this.transaction = transport.userTransaction();
    }

    @Override
    protected void poll() throws Exception {
        int limit = solo > 0 ? 1 : transport.config().commandBatchSize();
        int received = 0;
        transaction.begin();
        boolean done = false;
        try {
            context = transport.connectionFactory().createContext();
            JMSConsumer consumer = context.createConsumer(transport.commandQueue(context));
            Message message = consumer.receive(transport.config().receiveTimeout().toMillis());
            if (message != null && message.propertyExists("JMSXDeliveryCount")
                    && message.getIntProperty("JMSXDeliveryCount") > 1) {
                limit = 1; // a command delivered again is handled alone
            }
            while (message != null) {
                received++;
                handle(message);
                // only what is already waiting: a batch never delays a command
                message = received < limit ? consumer.receiveNoWait() : null;
            }
            boolean committed = commit(received);
            done = true;
            if (committed) {
                solo = Math.max(0, solo - received);
            }
        } catch (TransientFailure failure) {
            rollback();
            done = true;
            retryAlone(received);
            LOG.log(Level.FINE, failure.getCause(), () -> "Command delivery " + failure.deliveryCount
                    + " failed; it will be delivered again");
            pause(Math.min(2_000, 100L * failure.deliveryCount));
        } finally {
            if (!done) {
                rollback();
            }
            // after the commit: the consumer keeps the message groups it holds until their commands are
            // committed, so no other consumer can take the next command of the same aggregate meanwhile
            disconnect();
        }
    }

    /**
     * @return whether the transaction committed; {@code false} when a batch rolled back at commit
     */
    private boolean commit(int received) throws Exception {
        try {
            transaction.commit();
            return true;
        } catch (RollbackException | HeuristicRollbackException e) {
            if (received <= 1) {
                throw e;
            }
            // one of the batch's commands made the transaction fail: each is delivered again on its own
            retryAlone(received);
            LOG.log(Level.FINE, e, () -> "A batch of " + received + " commands rolled back; they will be "
                    + "delivered again, one per transaction");
            return false;
        }
    }

    /**
     * After a batch failed, the messages it held come back in order: they are then handled one per
     * transaction, so that one failing command is retried (and, in the end, dead-lettered) alone.
     */
    private void retryAlone(int received) {
        if (received > 1) {
            solo = Math.max(solo, received);
        }
    }

    private void handle(Message message) throws JMSException {
        InboundRequest.Envelope envelope = InboundRequest.Envelope.of(message);
        int maxDeliveries = transport.config().commandMaxDeliveries();
        if (envelope.deliveryCount() > maxDeliveries) {
            String reason = "delivered " + envelope.deliveryCount() + " times, failing every time (limit "
                    + io.recq.jms.JmsConfig.COMMAND_MAX_DELIVERIES + "=" + maxDeliveries + ")";
            deadLetter(message, reason);
            Replies.failure(context, envelope, new RecqException(ErrorCode.COMMAND_DEAD_LETTERED.code()
                    + " the command " + describe(message) + " was " + reason + "; it was moved to "
                    + transport.config().deadLetterQueue() + " and nothing was stored. Fix: look at the server log "
                    + "of the handling node for the cause, then send it again"));
            return;
        }
        if (envelope.expired(System.currentTimeMillis())) {
            LOG.fine(() -> "Skipped command " + envelope.messageId() + ": its caller stopped waiting");
            return;
        }
        InboundRequest request;
        try {
            request = InboundRequest.read(message, envelope, transport.config().maxPayloadBytes());
            checkKnown(request.payloadName());
        } catch (InvalidPayloadException e) {
            if (envelope.replyTo() != null && envelope.messageId() != null) {
                LOG.fine(() -> "Refused an unreadable command: " + e.getMessage());
                Replies.failure(context, envelope, e);
            } else {
                deadLetter(message, e.getMessage());
            }
            return;
        }
        CommandOutcome outcome;
        try {
            outcome = processor.process(new IncomingCommand(request.messageId(), request.payloadName(),
                    request.json(), request.routingKey(), request.metadata(), request.timestamp(),
                    request.deliveryCount()));
        } catch (RuntimeException e) {
            throw new TransientFailure(e, envelope.deliveryCount());
        }
        if (outcome.succeeded()) {
            EventPublisher.publish(context, transport.eventTopic(context), outcome.events());
            Replies.success(context, envelope, outcome.resultName(), outcome.resultJson());
        } else {
            Replies.failure(context, envelope, outcome.failure());
        }
    }

    private void checkKnown(String payloadName) {
        boolean known = transport.runtime().model().payloadType(payloadName)
                .filter(Command.class::isAssignableFrom)
                .flatMap(type -> transport.runtime().model().commandHandler(type))
                .isPresent();
        if (!known) {
            throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " the command type '" + payloadName
                    + "' is not handled by this deployment. Fix: send only commands of the deployment, and run the "
                    + "same deployment on every node consuming " + transport.config().commandQueue());
        }
    }

    private void deadLetter(Message message, String reason) throws JMSException {
        TextMessage copy = context.createTextMessage(message instanceof TextMessage text ? text.getText() : null);
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements();) {
            String name = (String) names.nextElement();
            if (!name.startsWith("JMSX")) {
                copy.setObjectProperty(name, message.getObjectProperty(name));
            }
        }
        if (message.getJMSCorrelationID() != null) {
            copy.setJMSCorrelationID(message.getJMSCorrelationID());
        }
        copy.setStringProperty(MessageFormat.DEAD_REASON, reason);
        copy.setStringProperty(MessageFormat.DEAD_ORIGIN, transport.config().commandQueue());
        context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                .send(transport.deadLetterQueue(context), copy);
        LOG.warning(() -> "RECQ moved the command " + describe(message) + " to " + transport.config().deadLetterQueue()
                + ": " + reason);
    }

    private static String describe(Message message) {
        try {
            return String.valueOf(message.getStringProperty(MessageFormat.PAYLOAD)) + " ("
                    + message.getStringProperty(MessageFormat.MESSAGE_ID) + ")";
        } catch (JMSException e) {
            return "message";
        }
    }

    private void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.FINE, "Rollback failed", e);
        }
    }

    @Override
    protected void disconnect() {
        if (context != null) {
            try {
                context.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Closing the command consumer's context failed", e);
            }
            context = null;
        }
    }

    /**
     * The processor failed: the transaction rolls back and the message is delivered again.
     */
    private static final class TransientFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int deliveryCount;

        TransientFailure(RuntimeException cause, int deliveryCount) {
            super(cause);
            this.deliveryCount = deliveryCount;
        }
    }
}
