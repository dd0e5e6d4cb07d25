package io.recq.jms.command;

import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;

import io.recq.cdi.runtime.HandlerScope;
import io.recq.cdi.runtime.RecqResources;
import io.recq.cdi.spi.CommandOutcome;
import io.recq.cdi.spi.CommandProcessor;
import io.recq.cdi.spi.CommandRequest;
import io.recq.cdi.spi.IncomingCommand;
import io.recq.cdi.spi.TransientFailures;
import io.recq.jms.JmsConfig;
import io.recq.jms.JmsTransport;
import io.recq.jms.event.EventPublisher;

/**
 * Handles a command in this JVM, without a broker round trip, when the sender is an invoker (not a handler)
 * and this node consumes commands ({@value JmsConfig#COMMAND_LOCAL_DISPATCH}, on by default).
 *
 * <p>The command runs on the container's managed executor, in a database transaction of its own, exactly as
 * a command consumer runs it: the store's inbox records its message id with its events, so that it takes
 * effect once. Commands of one aggregate (or lock id) sent from this node run one at a time, in the order
 * they were sent; against commands of the same aggregate handled elsewhere (from the queue, on another node)
 * the store's version check decides, as it does between consumers.
 *
 * <p>Only the fast path is local. A command that fails transiently (database away, a conflicting append) or
 * whose transaction cannot commit is handed to the broker, with the same message id, and then follows the
 * command queue's rules (tried again while the failure lasts, dead-lettered after repeated permanent
 * failures); the inbox answers it if the local transaction did commit after all. A handler's own exception
 * goes to the caller, as a reply would. A caller that stops waiting is told the outcome is unknown, and the
 * command still runs, once.
 */
@ApplicationScoped
public class LocalCommands {

    private static final Logger LOG = Logger.getLogger(LocalCommands.class.getName());
    private static final int STRIPES = 1024;

    private JmsTransport transport;
    private Instance<CommandProcessor> processors;
    private CommandTransactions transactions;
    private RecqResources resources;
    private final Serial[] stripes = new Serial[STRIPES];

    protected LocalCommands() {
        // for the proxy
    }

    @Inject
    public LocalCommands(JmsTransport transport, Instance<CommandProcessor> processors,
            CommandTransactions transactions, RecqResources resources) {
        this.transport = transport;
        this.processors = processors;
        this.transactions = transactions;
        this.resources = resources;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Serial();
        }
    }

    /**
     * @return whether a command sent now from the calling thread is handled in this JVM
     */
    public boolean accepts() {
        JmsConfig config = transport.config();
        return config.commandLocalDispatch() && config.commandConsumers() > 0 && HandlerScope.current().isEmpty()
                && processors.isResolvable();
    }

    /**
     * Handles a command whose reply the caller has registered: the caller's future completes with the outcome,
     * or the command is handed to the broker.
     *
     * @param request the command
     * @param onBroker sends it to the command queue (with its message id and reply-to), given how often it
     *        has failed permanently so far
     */
    public void dispatch(CommandRequest request, IntConsumer onBroker) {
        IncomingCommand command = new IncomingCommand(request.messageId(), request.payloadName(), request.json(),
                request.routingKey(), request.metadata(), Instant.now(), 1);
        Runnable task = () -> run(command, onBroker);
        try {
            if (command.routingKey() == null) {
                resources.executor().execute(task);
            } else {
                stripes[Math.floorMod(command.routingKey().hashCode(), STRIPES)].add(task);
            }
        } catch (RejectedExecutionException e) {
            // the executor is stopping: the queue carries the command
            onBroker.accept(0);
        }
    }

    private void run(IncomingCommand command, IntConsumer onBroker) {
        CommandOutcome outcome;
        try {
            outcome = transactions.inNewTransaction(() -> {
                CommandOutcome result = processors.get().process(command);
                if (!result.succeeded()) {
                    throw new Refused(result); // rolls back whatever the handler did before it threw
                }
                return result;
            });
        } catch (Refused refused) {
            if (TransientFailures.isTransient(refused.outcome.failure())) {
                handOver(command, refused.outcome.failure(), 0, onBroker);
            } else {
                transport.replies().fail(command.messageId(), refused.outcome.failure());
            }
            return;
        } catch (Exception | Error e) {
            handOver(command, e, TransientFailures.isTransient(e) ? 0 : 1, onBroker);
            return;
        }
        announce(outcome);
        transport.replies().succeed(command.messageId(), outcome.resultName(), outcome.resultJson());
    }

    private void handOver(IncomingCommand command, Throwable failure, int failures, IntConsumer onBroker) {
        LOG.log(Level.FINE, failure, () -> "RECQ command " + command.payloadName() + " (" + command.messageId()
                + ") did not complete in this JVM; the command queue carries it: " + failure);
        try {
            onBroker.accept(failures);
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            transport.replies().fail(command.messageId(), e);
        }
    }

    /**
     * Tells the event consumers of every node that events were stored; they read the store when this does
     * not reach them.
     */
    private void announce(CommandOutcome outcome) {
        if (outcome.events().isEmpty()) {
            return;
        }
        try (JMSContext context = transport.connectionFactory().createContext()) {
            EventPublisher.publish(context, transport.eventTopic(context), outcome.events());
        } catch (Exception e) {
            LOG.log(Level.FINE, "RECQ could not announce " + outcome.events().size() + " stored event(s); event "
                    + "consumers find them in the store", e);
        }
    }

    /**
     * Runs the commands of one stripe of routing keys one at a time, in the order they were added, on the
     * managed executor; a stripe holds no thread while it is empty.
     */
    private final class Serial {

        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();

        void add(Runnable task) {
            tasks.add(task);
            schedule();
        }

        private void schedule() {
            if (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
                try {
                    resources.executor().execute(this::drain);
                } catch (RejectedExecutionException e) {
                    draining.set(false);
                    throw e;
                }
            }
        }

        private void drain() {
            try {
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    task.run();
                }
            } finally {
                draining.set(false);
            }
            schedule(); // a task added after the last poll, before the flag was cleared
        }
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
