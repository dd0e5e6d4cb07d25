package io.recq.jms.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;

import io.recq.api.Command;
import io.recq.cdi.runtime.HandlerScope;
import io.recq.cdi.runtime.RecqResources;
import io.recq.cdi.runtime.RuntimeStart;
import io.recq.cdi.spi.AggregateCache;
import io.recq.cdi.spi.CommandOutcome;
import io.recq.cdi.spi.CommandProcessor;
import io.recq.cdi.spi.CommandRequest;
import io.recq.cdi.spi.IncomingCommand;
import io.recq.cdi.spi.StoredEvent;
import io.recq.cdi.spi.TransientFailures;
import io.recq.cdi.serialization.Values;
import io.recq.jms.JmsConfig;
import io.recq.jms.JmsTransport;
import io.recq.jms.event.EventPublisher;

/**
 * Handles a command in this JVM, without a broker round trip, when the sender is an invoker (not a handler)
 * and this node consumes commands ({@value JmsConfig#COMMAND_LOCAL_DISPATCH}, on by default).
 *
 * <p>The command runs on the container's managed executor, in a database transaction, exactly as a command
 * consumer runs it: the store's inbox records its message id with its events, so that it takes effect once.
 * Each routing key (aggregate or lock id) maps to one of {@value JmsConfig#COMMAND_LOCAL_LANES} lanes, and a
 * lane runs its commands one transaction at a time, in the order they were sent: the commands of one
 * aggregate sent from this node run one at a time, in order. Against commands of the same aggregate handled
 * elsewhere (from the queue, on another node) the store's version check decides, as it does between
 * consumers.
 *
 * <p>A lane takes the commands already waiting in it, up to {@value JmsConfig#COMMAND_BATCH_SIZE}, into one
 * transaction (it never waits for more): one flush of the sequence, one commit and one announcement serve
 * them all, and each caller is answered on its own. When one of them fails the batch rolls back, and each
 * command is handled again alone, as a consumer of the queue does.
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

    private JmsTransport transport;
    private Instance<CommandProcessor> processors;
    private CommandTransactions transactions;
    private RecqResources resources;
    private Lane[] lanes;
    private final AtomicInteger unkeyed = new AtomicInteger();
    /** One contextual proxy per lane: a proxy's context is never entered by two threads at once. */
    private volatile Runnable[] drainsInDeploymentContext;

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
        this.lanes = new Lane[transport.config().commandLocalLanes()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(i);
        }
    }

    /**
     * Captures the context of the deployment's start, which the queue's consumers run in too, for the lanes:
     * the executor would otherwise give a lane's commands the context of whichever thread started it draining
     * (an unmanaged thread of the caller's, say, without a naming context).
     */
    void start(@Observes RuntimeStart start) {
        deploymentContext();
    }

    /**
     * Each lane gets a proxy of its own. A lane drains on one thread at a time, but lanes drain at the same time;
     * Payara enters the very context object a proxy captured, and that object holds the transaction its connections
     * are enlisted in: one proxy shared by the lanes put one lane's connections into another lane's transaction.
     */
    private Runnable[] deploymentContext() {
        Runnable[] drains = drainsInDeploymentContext;
        if (drains == null) {
            synchronized (this) {
                drains = drainsInDeploymentContext;
                if (drains == null) {
                    // before the start reached this bean (a gateway used in another bean's start): that context
                    ContextService contexts = resources.executor().getContextService();
                    drains = new Runnable[lanes.length];
                    for (int i = 0; i < lanes.length; i++) {
                        drains[i] = contexts.contextualRunnable(lanes[i]::drain);
                    }
                    drainsInDeploymentContext = drains;
                }
            }
        }
        return drains;
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
     * @param request the command, whose message id this node has just given it
     * @param onBroker sends it to the command queue (with its message id and reply-to), given how often it
     *        has failed permanently so far
     */
    public void dispatch(CommandRequest request, IntConsumer onBroker) {
        Local command = new Local(request, onBroker, Instant.now());
        int lane = request.routingKey() == null ? unkeyed.getAndIncrement() : request.routingKey().hashCode();
        try {
            lanes[Math.floorMod(lane, lanes.length)].add(command);
        } catch (RejectedExecutionException e) {
            // the executor is stopping: the queue carries the command
            onBroker.accept(0);
        }
    }

    /**
     * Handles a batch: together in one transaction when each command succeeds, else each alone.
     */
    private void run(Lane lane, List<Local> batch) {
        if (batch.size() == 1) {
            runAlone(lane, batch.get(0), true, 0);
            return;
        }
        List<CommandOutcome> outcomes;
        Lane.Aggregates aggregates = lane.aggregates(true);
        try {
            outcomes = transactions.inNewTransaction(() -> {
                List<CommandOutcome> results = new ArrayList<>(batch.size());
                for (Local local : batch) {
                    int kept = aggregates.keptUses();
                    CommandOutcome result = process(local.command(true), aggregates);
                    if (!result.succeeded() || unchecked(result, aggregates, kept)) {
                        throw new Refused(result); // the batch rolls back; each command runs again alone
                    }
                    results.add(result);
                }
                return results;
            });
        } catch (Exception | Error e) {
            aggregates.rolledBack();
            LOG.log(Level.FINE, e, () -> "A batch of " + batch.size() + " local commands did not commit; each is "
                    + "handled again in a transaction of its own");
            // a failure that would happen again counts as a try of each command, whose handler ran in the batch:
            // a command that then fails alone too has been tried twice (recq.command.max-deliveries bounds the
            // tries of a handler, wherever they ran)
            Throwable failure = e instanceof Refused refused ? refused.outcome.failure() : e;
            int tries = failure == null || TransientFailures.isTransient(failure) ? 0 : 1;
            for (Local local : batch) {
                // the batch may have committed after all (a commit whose answer was lost): the inbox answers
                runAlone(lane, local, false, tries);
            }
            return;
        }
        aggregates.committed();
        announce(outcomes);
        for (int i = 0; i < batch.size(); i++) {
            CommandOutcome outcome = outcomes.get(i);
            transport.replies().succeed(batch.get(i).request.messageId(), outcome.resultName(), outcome.resultJson(),
                    outcome.result());
        }
    }

    /**
     * @param fresh whether this is the command's first try, so that no store can hold a record of it yet
     * @param failedTries how often the command has failed already in a way that would happen again
     */
    private void runAlone(Lane lane, Local local, boolean fresh, int failedTries) {
        IncomingCommand command = local.command(fresh);
        // a command tried again loads its aggregate from the store: what the lane kept may be why it failed
        Lane.Aggregates aggregates = lane.aggregates(fresh);
        CommandOutcome outcome;
        try {
            outcome = transactions.inNewTransaction(() -> {
                CommandOutcome result = process(command, aggregates);
                if (!result.succeeded() || unchecked(result, aggregates, 0)) {
                    throw new Refused(result); // rolls back whatever the handler did before it threw
                }
                return result;
            });
        } catch (Refused refused) {
            aggregates.rolledBack();
            if (aggregates.keptUses() > 0) {
                // decided on a kept instance, which the queue or another node may have moved on from since (a
                // stale instance meets the version check, but a handler may refuse, or append nothing): decide
                // again on the stored aggregate
                runAlone(lane, local, false, failedTries);
                return;
            }
            if (TransientFailures.isTransient(refused.outcome.failure())) {
                handOver(local, refused.outcome.failure(), 0);
            } else {
                transport.replies().fail(command.messageId(), refused.outcome.failure());
            }
            return;
        } catch (Exception | Error e) {
            aggregates.rolledBack();
            if (aggregates.keptUses() > 0 && TransientFailures.isTransient(e)) {
                runAlone(lane, local, false, failedTries);
                return;
            }
            handOver(local, e, TransientFailures.isTransient(e) ? 0 : failedTries + 1);
            return;
        }
        aggregates.committed();
        announce(List.of(outcome));
        transport.replies().succeed(command.messageId(), outcome.resultName(), outcome.resultJson(),
                outcome.result());
    }

    /**
     * @return whether a command succeeded on a kept instance without appending anything: no version check has
     *         told whether that instance was current, so it is decided again on the stored aggregate
     */
    private static boolean unchecked(CommandOutcome result, Lane.Aggregates aggregates, int keptBefore) {
        return result.succeeded() && result.events().isEmpty() && aggregates.keptUses() > keptBefore;
    }

    private CommandOutcome process(IncomingCommand command, AggregateCache aggregates) {
        try {
            return processors.get().process(command, aggregates);
        } catch (Error e) {
            // the transaction must roll back, and a lane must outlive what a handler threw
            throw new IllegalStateException("handling the command " + command.payloadName() + " ("
                    + command.messageId() + ") threw " + e, e);
        }
    }

    private void handOver(Local local, Throwable failure, int failures) {
        LOG.log(Level.FINE, failure, () -> "RECQ command " + local.request.payloadName() + " ("
                + local.request.messageId() + ") did not complete in this JVM; the command queue carries it: "
                + failure);
        try {
            local.onBroker.accept(failures);
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            transport.replies().fail(local.request.messageId(), e);
        }
    }

    /**
     * Tells the event consumers of every node that events were stored, in one context for the whole batch;
     * they read the store when this does not reach them.
     */
    private void announce(List<CommandOutcome> outcomes) {
        List<StoredEvent> events = new ArrayList<>();
        for (CommandOutcome outcome : outcomes) {
            events.addAll(outcome.events());
        }
        if (events.isEmpty()) {
            return;
        }
        try (JMSContext context = transport.connectionFactory().createContext()) {
            EventPublisher.publish(context, transport.eventTopic(context), events,
                    transport.config().eventTopicCarriesEvents());
        } catch (Exception e) {
            LOG.log(Level.FINE, "RECQ could not announce " + events.size() + " stored event(s); event "
                    + "consumers find them in the store", e);
        }
    }

    /**
     * A command sent from this node and how to hand it to the broker.
     */
    private record Local(CommandRequest request, IntConsumer onBroker, Instant sent) {

        /**
         * @param fresh whether this is its first try: delivered 0 times, as nothing but this node has seen its
         *        message id (the store need not look for a record of it)
         */
        IncomingCommand command(boolean fresh) {
            Command value = request.command() != null && Values.isValue(request.command().getClass())
                    ? request.command() : null;
            return new IncomingCommand(request.messageId(), request.payloadName(), request.json(),
                    request.routingKey(), request.metadata(), sent, fresh ? 0 : 1, value);
        }
    }

    /**
     * Runs the commands of some routing keys in the order they were added, a batch of those already waiting
     * at a time, on the managed executor; a lane holds no thread while it is empty.
     */
    private final class Lane {

        private final int index;
        private final Queue<Local> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        /** Touched only by the thread that drains (the draining flag orders those threads one after another). */
        private final Map<String, AggregateCache.Entry> kept = new LinkedHashMap<>(16, 0.75f, true) {

            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AggregateCache.Entry> eldest) {
                return size() > transport.config().commandAggregateCacheSize();
            }
        };

        Lane(int index) {
            this.index = index;
        }

        /**
         * @param trusted whether the instances kept may be used; otherwise they are only forgotten when taken
         * @return the lane's aggregates for one transaction
         */
        Aggregates aggregates(boolean trusted) {
            return new Aggregates(trusted && transport.config().commandAggregateCacheSize() > 0);
        }

        /**
         * The aggregate instances of one transaction of this lane: what its commands leave is kept for the lane's
         * later transactions once it has committed.
         */
        final class Aggregates implements AggregateCache {

            private final boolean trusted;
            private final Map<String, Entry> pending = new HashMap<>();
            private int keptUses;

            Aggregates(boolean trusted) {
                this.trusted = trusted;
            }

            @Override
            public Optional<Entry> take(String aggregateType, String aggregateId) {
                String key = aggregateType + '\u0000' + aggregateId;
                Entry entry = pending.remove(key);
                if (entry == null) {
                    entry = kept.remove(key);
                }
                if (!trusted || entry == null) {
                    return Optional.empty();
                }
                keptUses++;
                return Optional.of(entry);
            }

            /** @return how often a command of this transaction ran on an instance kept from an earlier one */
            int keptUses() {
                return keptUses;
            }

            @Override
            public void offer(Entry entry) {
                pending.put(entry.aggregateType() + '\u0000' + entry.aggregateId(), entry);
            }

            void committed() {
                if (transport.config().commandAggregateCacheSize() > 0) {
                    kept.putAll(pending);
                }
                pending.clear();
            }

            void rolledBack() {
                pending.clear();
            }
        }

        void add(Local command) {
            waiting.add(command);
            schedule();
        }

        private void schedule() {
            if (!waiting.isEmpty() && draining.compareAndSet(false, true)) {
                try {
                    resources.executor().execute(deploymentContext()[index]);
                } catch (RejectedExecutionException e) {
                    draining.set(false);
                    throw e;
                }
            }
        }

        private void drain() {
            int max = transport.config().commandBatchSize();
            try {
                List<Local> batch = new ArrayList<>(max);
                for (Local next = waiting.poll(); next != null; next = waiting.poll()) {
                    batch.add(next);
                    if (batch.size() == max || waiting.isEmpty()) {
                        run(this, batch);
                        batch = new ArrayList<>(max);
                    }
                }
            } finally {
                draining.set(false);
            }
            try {
                schedule(); // a command added after the last poll, before the flag was cleared
            } catch (RejectedExecutionException e) {
                handOverWaiting();
            }
        }

        /** The executor is stopping: the queue carries what is still waiting. */
        private void handOverWaiting() {
            if (!draining.compareAndSet(false, true)) {
                return; // another thread drains
            }
            try {
                for (Local next = waiting.poll(); next != null; next = waiting.poll()) {
                    next.onBroker.accept(0);
                }
            } finally {
                draining.set(false);
            }
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
