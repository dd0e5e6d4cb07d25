package io.recq.jms.command;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.transaction.UserTransaction;

import io.recq.api.Command;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.InvalidPayloadException;
import io.recq.api.RecqException;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.CommandOutcome;
import io.recq.cdi.spi.CommandProcessor;
import io.recq.cdi.spi.IncomingCommand;
import io.recq.cdi.spi.TransientFailures;
import io.recq.jms.ConsumerLoop;
import io.recq.jms.InboundRequest;
import io.recq.jms.JmsConfig;
import io.recq.jms.JmsTransport;
import io.recq.jms.MessageFormat;
import io.recq.jms.Producers;
import io.recq.jms.event.EventPublisher;
import io.recq.jms.reply.Replies;

/**
 * One consumer thread of the command queue. The store decides, the broker carries:
 *
 * <ol>
 * <li>A JTA transaction of the broker alone (the <em>hold</em>) receives the commands already waiting, up to
 * {@code recq.command.batch-size}.</li>
 * <li>A transaction of the database alone ({@link CommandTransactions}, the hold suspended meanwhile) handles
 * them: the store's inbox answers a command it has handled before (a redelivery, a repeated forward) from its
 * record; every other command runs its handler, and its events, its inbox record, and the commands its
 * handler sent (the outbox) commit together, in one phase.</li>
 * <li>After that commit, the replies and the event notifications are sent in the hold, whose commit then
 * acknowledges the commands.</li>
 * </ol>
 *
 * A crash before the database commit redelivers the commands, which run then; a crash after it redelivers
 * them too, and the inbox answers them: each takes effect once. The broker's commit never holds the store's
 * locks.
 *
 * <p>Failures: a handler that throws leaves nothing behind — its database transaction rolls back — and its
 * caller receives the exception (a command nobody waits for is logged; one that cannot be read is moved to
 * the dead-letter queue). A batch in which a command fails is handled again one command per database
 * transaction, within the same hold. A transient failure ({@link TransientFailures}: database or broker
 * away, lock timeout, serialization failure, conflicting append) is tried again in place with a growing
 * delay, for as long as it lasts: it never dead-letters a command. After any other failure the command is
 * sent back to the queue in the hold, delivered again after a delay that doubles with each failure (the
 * consumer goes on with the other commands meanwhile); at {@code recq.command.max-deliveries} failures it is
 * moved to the dead-letter queue instead, and its caller told.
 *
 * <p>Each hold opens its own JMS context (and consumer) and closes it after the commit. A resource adapter
 * enlists a connection in the transaction that is active when the connection is taken from its pool; a
 * context kept across transactions is enlisted again only where the server tracks connections for the
 * calling component, which a managed thread of a library in {@code EAR/lib} is not. Closing after the commit
 * also keeps the message groups ({@code JMSXGroupID}, one per aggregate) bound to this consumer until its
 * commands are acknowledged, so that no other consumer takes the next command of the same aggregate before.
 */
public final class CommandConsumer extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class.getName());

    private final JmsTransport transport;
    private final CommandProcessor processor;
    private final CommandTransactions transactions;
    private final UserTransaction hold;
    private JMSContext context;
    private boolean timeoutRefused;

    /**
     * @param name the thread's name
     * @param transport the transport
     * @param processor the runtime that handles commands
     * @param transactions runs the database's work in a transaction of its own
     */
    public CommandConsumer(String name, JmsTransport transport, CommandProcessor processor,
            CommandTransactions transactions) {
        super(name);
        this.transport = transport;
        this.processor = processor;
        this.transactions = transactions;
        this.hold = transport.userTransaction();
    }

    @Override
    protected void poll() throws Exception {
        JmsConfig config = transport.config();
        // the timeout of the thread's next transaction; the hold is begun by the transaction manager, never by
        // the user transaction, which would enlist again every connection left open on this long-lived thread
        try {
            hold.setTransactionTimeout(config.commandHoldTimeoutSeconds());
        } catch (IllegalStateException e) {
            // a server that allows the user transaction to this thread only within a component (Payara): the
            // server's default transaction timeout applies to the hold
            if (!timeoutRefused) {
                timeoutRefused = true;
                LOG.config(() -> "RECQ cannot set the timeout of " + getClass().getSimpleName() + "'s transactions (" + e
                        + "): the server's default transaction timeout applies, not "
                        + JmsConfig.COMMAND_HOLD_TIMEOUT_S);
            }
        }
        try {
            transactions.inNewTransaction(() -> {
                context = transport.connectionFactory().createContext();
                String service = transport.service();
                JMSConsumer consumer = context.createSharedDurableConsumer(transport.commandTopic(context, service),
                        config.commandDestination(service));
                List<Received> batch = new ArrayList<>();
                Message message = consumer.receive(config.receiveTimeout().toMillis());
                while (message != null) {
                    batch.add(read(message));
                    // only what is already waiting: a batch never delays a command
                    message = batch.size() < config.commandBatchSize() ? consumer.receiveNoWait() : null;
                }
                if (!batch.isEmpty()) {
                    handle(batch);
                }
                return null;
            });
        } finally {
            disconnect();
        }
    }

    /**
     * Reads a message, or notes why it cannot be read; never fails.
     */
    private Received read(Message message) {
        InboundRequest.Envelope envelope = InboundRequest.Envelope.of(message);
        int failures = failures(message);
        try {
            InboundRequest request = InboundRequest.read(message, envelope, transport.config().maxPayloadBytes());
            checkKnown(request.payloadName());
            return new Received(message, envelope, new IncomingCommand(request.messageId(), request.payloadName(),
                    request.json(), request.routingKey(), request.metadata(), request.timestamp(),
                    request.deliveryCount()), null, failures);
        } catch (InvalidPayloadException e) {
            return new Received(message, envelope, null, e, failures);
        }
    }

    private static int failures(Message message) {
        try {
            return message.propertyExists(MessageFormat.FAILURES) ? message.getIntProperty(MessageFormat.FAILURES) : 0;
        } catch (JMSException | RuntimeException e) {
            return 0;
        }
    }

    private void handle(List<Received> batch) throws Exception {
        List<Received> fresh = new ArrayList<>(batch.size());
        List<Received> alone = new ArrayList<>();
        for (Received received : batch) {
            if (received.unreadable() != null) {
                refuse(received, received.unreadable());
            } else if (received.failures() > 0 || received.command().deliveryCount() > 1) {
                // it failed before, or its hold did not commit: it would likely undo a whole batch again
                alone.add(received);
            } else {
                fresh.add(received);
            }
        }
        if (fresh.size() > 1 && handledTogether(fresh)) {
            fresh.clear();
        }
        for (Received received : fresh) {
            handleAlone(received);
        }
        for (Received received : alone) {
            handleAlone(received);
        }
    }

    /**
     * Handles the commands in one database transaction when each of them succeeds.
     *
     * @return whether they were handled; {@code false} when one failed (nothing was committed)
     */
    private boolean handledTogether(List<Received> commands) throws JMSException {
        List<CommandOutcome> outcomes;
        try {
            outcomes = transactions.inNewTransaction(() -> {
                List<CommandOutcome> results = new ArrayList<>(commands.size());
                for (Received received : commands) {
                    CommandOutcome outcome = process(received.command());
                    if (!outcome.succeeded()) {
                        throw new Refused(outcome);
                    }
                    results.add(outcome);
                }
                return results;
            });
        } catch (Exception e) {
            LOG.log(Level.FINE, e, () -> "A batch of " + commands.size() + " commands did not commit; each is "
                    + "handled again in a transaction of its own");
            return false;
        }
        for (int i = 0; i < commands.size(); i++) {
            succeed(commands.get(i), outcomes.get(i));
        }
        return true;
    }

    /**
     * Handles one command in its own database transaction. A transient failure is tried again in place for as
     * long as it lasts; a permanent one sends the command back to the queue, to be tried again after a delay
     * while this consumer goes on with the others, or moves it to the dead-letter queue at the limit.
     */
    private void handleAlone(Received received) throws Exception {
        IncomingCommand command = received.command();
        JmsConfig config = transport.config();
        long maxDelay = config.commandRetryMaxDelay().toMillis();
        long transientDelay = config.commandRetryDelay().toMillis();
        int transientFailures = 0;
        while (true) {
            Throwable failure;
            try {
                CommandOutcome outcome = transactions.inNewTransaction(() -> {
                    CommandOutcome result = process(command);
                    if (!result.succeeded()) {
                        throw new Refused(result); // rolls back whatever the handler did before it threw
                    }
                    return result;
                });
                succeed(received, outcome);
                return;
            } catch (Refused refused) {
                if (!TransientFailures.isTransient(refused.outcome.failure())) {
                    refuse(received, refused.outcome.failure());
                    return;
                }
                failure = refused.outcome.failure();
            } catch (Exception e) {
                failure = e;
            }
            if (!TransientFailures.isTransient(failure)) {
                failedPermanently(received, failure);
                return;
            }
            if (!running()) {
                // stopping: the hold rolls back and the command is delivered again, here or elsewhere
                throw new RecqException("stopped while handling the command " + describe(received), failure);
            }
            // an outage: wait it out in place (every command waits for it anyway), with a growing delay
            transientFailures++;
            long delay = transientDelay;
            transientDelay = Math.min(maxDelay, transientDelay * 2);
            logTransient(received, failure, transientFailures, delay);
            pause(delay);
        }
    }

    /**
     * A command failed the same way it would again (a transaction that cannot commit, an {@link Error}): at
     * the limit it is dead-lettered; before, a copy is sent back to the queue, delivered after a delay that
     * doubles with each failure, in the hold that acknowledges this delivery. This consumer goes on meanwhile,
     * and the commands of its other aggregates do not wait; later commands of the same aggregate may run
     * before the copy.
     */
    private void failedPermanently(Received received, Throwable failure) throws JMSException {
        JmsConfig config = transport.config();
        int failures = received.failures() + 1;
        int maxTries = config.commandMaxDeliveries();
        if (failures >= maxTries) {
            deadLetter(received, failure, failures);
            return;
        }
        long delay = Math.min(config.commandRetryMaxDelay().toMillis(),
                config.commandFailureRetryDelay().toMillis() << Math.min(failures - 1, 30));
        TextMessage copy = copyOf(received.message());
        copy.setIntProperty(MessageFormat.FAILURES, failures);
        Producers.of(context, DeliveryMode.PERSISTENT, 0, delay).send(transport.commandTopic(context, transport.service()), copy);
        LOG.log(Level.FINE, failure, () -> "RECQ command " + describe(received) + " failed (try " + failures + " of "
                + maxTries + "); it is tried again in " + delay + " ms");
    }

    /**
     * Processes a command; an {@link Error} a handler threw (a stack overflow, say) becomes an exception, so
     * that the transaction rolls back and the consumer goes on.
     */
    private CommandOutcome process(IncomingCommand command) {
        try {
            return processor.process(command);
        } catch (Error e) {
            throw new IllegalStateException("handling the command " + command.payloadName() + " ("
                    + command.messageId() + ") threw " + e, e);
        }
    }

    private void logTransient(Received received, Throwable failure, int count, long delay) {
        // the first, then every tenth: an outage of the database is reported, not repeated thousands of times
        if (count == 1 || count % 10 == 0) {
            LOG.log(Level.WARNING, "RECQ could not handle the command " + describe(received) + " now (" + count
                    + (count == 1 ? " try" : " tries") + "), and tries again in " + delay + " ms; a transient "
                    + "failure never dead-letters a command: " + failure, LOG.isLoggable(Level.FINE) ? failure : null);
        }
    }

    private void succeed(Received received, CommandOutcome outcome) throws JMSException {
        EventPublisher.publish(context, transport.eventTopic(context), outcome.events(),
                transport.config().eventTopicCarriesEvents());
        String resultClass = outcome.resultName() == null ? null
                : transport.runtime().payloadType(outcome.resultName()).map(Class::getName).orElse(null);
        Replies.success(transport.telemetry(), context, received.envelope(), outcome.resultName(), resultClass, outcome.resultJson());
    }

    /**
     * A command that was handled and failed, or cannot be read: its caller receives the failure. A command that
     * cannot be read or handled by this service (bad input: a type it does not handle, JSON it cannot read) is
     * also moved to the dead-letter queue with the reason; any other failure without a caller is logged: it never
     * disappears without a trace.
     */
    private void refuse(Received received, Throwable failure) throws JMSException {
        boolean answerable = received.envelope().replyTo() != null && received.envelope().messageId() != null;
        if (received.unreadable() != null || failure instanceof HandlerNotFoundException
                || failure instanceof InvalidPayloadException) {
            // bad input (a type this service does not handle, JSON of another shape): kept with its reason
            moveToDeadLetterQueue(received.message(), "it cannot be handled: " + failure.getMessage(), 1);
            if (answerable) {
                Replies.failure(transport.telemetry(), context, received.envelope(), failure);
            }
            return;
        }
        if (answerable) {
            LOG.fine(() -> "RECQ command " + describe(received) + " failed: " + failure);
            Replies.failure(transport.telemetry(), context, received.envelope(), failure);
        } else {
            LOG.log(Level.WARNING, "RECQ command " + describe(received) + ", for which no caller waits, failed; it "
                    + "stored nothing: " + failure, failure instanceof RecqException ? null : failure);
        }
    }

    private void deadLetter(Received received, Throwable failure, int tries) throws JMSException {
        String reason = "it failed " + tries + " times (limit " + JmsConfig.COMMAND_MAX_DELIVERIES + "="
                + transport.config().commandMaxDeliveries() + "), the last time with " + failure;
        LOG.log(Level.WARNING, "RECQ command " + describe(received) + " failed " + tries + " times", failure);
        moveToDeadLetterQueue(received.message(), reason, tries);
        Replies.failure(transport.telemetry(), context, received.envelope(), new RecqException(ErrorCode.COMMAND_DEAD_LETTERED.code()
                + " the command " + describe(received) + " failed " + tries + " times; it was moved to "
                + transport.deadLetterName() + " and nothing was stored. Fix: look at the server log of "
                + "the handling node for the cause, then retry it from the DeadCommandQueue"));
    }

    private void checkKnown(String payloadName) {
        boolean known = transport.runtime().model().payloadType(payloadName)
                .filter(Command.class::isAssignableFrom)
                .flatMap(type -> transport.runtime().model().commandHandler(type))
                .isPresent();
        if (!known) {
            throw new InvalidPayloadException(ErrorCode.INVALID_PAYLOAD.code() + " the command type '" + payloadName
                    + "' is not handled by the service " + transport.service() + ". Fix: send it to the service that "
                    + "handles it (RECQ's gateways route by type), and run the same version of the service on every "
                    + "node consuming " + transport.config().commandDestination(transport.service()));
        }
    }

    private void moveToDeadLetterQueue(Message message, String reason, int tries) throws JMSException {
        TextMessage copy = copyOf(message);
        copy.setJMSReplyTo(null); // nobody waits for a dead letter
        copy.setStringProperty(MessageFormat.DEAD_REASON, reason);
        copy.setStringProperty(MessageFormat.DEAD_ORIGIN, transport.config().commandDestination(transport.service()));
        copy.setIntProperty(MessageFormat.DEAD_TRIES, tries);
        Producers.of(context, DeliveryMode.PERSISTENT, 0, 0).send(transport.deadLetterQueue(context), copy);
        LOG.warning(() -> "RECQ moved the command " + describe(message) + " to "
                + transport.deadLetterName() + ": " + reason);
    }

    /**
     * @return a new message with the received one's body, properties, message group, correlation id and
     *         reply-to; without its failure count, and without the properties JMS and the broker set
     *         themselves (but the group): a copied scheduled delivery time, say, would hold the copy back
     */
    private TextMessage copyOf(Message message) throws JMSException {
        TextMessage copy = context.createTextMessage(message instanceof TextMessage text ? text.getText() : null);
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements();) {
            String name = (String) names.nextElement();
            if (MessageFormat.isApplicationProperty(name) && !MessageFormat.FAILURES.equals(name)) {
                copy.setObjectProperty(name, message.getObjectProperty(name));
            }
        }
        String routingKey = message.getStringProperty(MessageFormat.ROUTING_KEY);
        if (routingKey != null) {
            copy.setStringProperty(MessageFormat.GROUP_ID, routingKey);
        }
        if (message.getJMSCorrelationID() != null) {
            copy.setJMSCorrelationID(message.getJMSCorrelationID());
        }
        if (message.getJMSReplyTo() != null) {
            copy.setJMSReplyTo(message.getJMSReplyTo());
        }
        return copy;
    }

    private static String describe(Received received) {
        return describe(received.message());
    }

    private static String describe(Message message) {
        try {
            return message.getStringProperty(MessageFormat.PAYLOAD) + " ("
                    + message.getStringProperty(MessageFormat.MESSAGE_ID) + ")";
        } catch (JMSException | RuntimeException e) {
            return "message";
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
     * A received message: the command, or why it cannot be read.
     */
    private record Received(Message message, InboundRequest.Envelope envelope, IncomingCommand command,
            InvalidPayloadException unreadable, int failures) {
    }

    /**
     * The handler refused the command: thrown out of its database transaction so that it rolls back.
     */
    private static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;
        private final transient CommandOutcome outcome;

        Refused(CommandOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }
}
