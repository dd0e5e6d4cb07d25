package io.recq.jms.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

import io.recq.cdi.runtime.RecqResources;
import io.recq.cdi.runtime.RuntimeStart;
import io.recq.cdi.spi.CommandOutbox;
import io.recq.cdi.spi.OutgoingCommand;
import io.recq.jms.JmsTransport;

/**
 * Forwards the commands of the {@link CommandOutbox} to the command queue.
 *
 * <p>After a sender's transaction commits, its commands are sent at once, in the order they were written,
 * from the container's scheduled executor (outside any transaction), and then removed from the outbox. Every
 * node also sweeps the outbox every {@code recq.command.outbox-sweep-interval-ms} for commands older than
 * {@code recq.command.outbox-grace-ms}: those whose node died before it forwarded them, or that could not be
 * sent while the broker was away. A command may so be forwarded twice (a node dies after the send, before
 * the removal; two nodes sweep at once); it keeps its message id, so the receiving inbox handles it once.
 */
@ApplicationScoped
public class CommandForwarder {

    private static final Logger LOG = Logger.getLogger(CommandForwarder.class.getName());
    private static final int SWEEP_BATCH = 100;

    private JmsTransport transport;
    private Instance<CommandOutbox> outboxes;
    private CommandTransactions transactions;
    private RecqResources resources;
    private final Object transactionKey = new Object();
    private volatile ScheduledFuture<?> sweep;
    private volatile boolean stopped;

    protected CommandForwarder() {
        // for the proxy
    }

    @Inject
    public CommandForwarder(JmsTransport transport, Instance<CommandOutbox> outboxes,
            CommandTransactions transactions, RecqResources resources) {
        this.transport = transport;
        this.outboxes = outboxes;
        this.transactions = transactions;
        this.resources = resources;
    }

    /**
     * Schedules the sweep. The transport may start after this (observers of one event run in no set order),
     * so each sweep checks that it has started.
     */
    void start(@Observes RuntimeStart start) {
        Duration interval = transport.config().outboxSweepInterval();
        if (!outboxes.isResolvable() || interval.isZero() || sweep != null) {
            return;
        }
        sweep = resources.scheduledExecutor().scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        stopped = true;
        ScheduledFuture<?> running = sweep;
        if (running != null) {
            running.cancel(false);
        }
    }

    /**
     * Forwards {@code command} once the calling thread's transaction has committed, after the commands the
     * same transaction wrote before it.
     *
     * @param command a command just written to the outbox in that transaction
     * @param timeout how long its sender waits for the reply
     * @param onRollback called with the transaction's status when it does not commit
     */
    void forwardAfterCommit(OutgoingCommand command, Duration timeout, Consumer<Integer> onRollback) {
        Written written = transport.transactionResource(transactionKey, registry -> {
            Written created = new Written();
            registry.registerInterposedSynchronization(created);
            return created;
        });
        written.commands.add(new Entry(command, timeout, onRollback));
    }

    /**
     * Forwards the commands of a transaction reported committed, those of them the outbox holds. The
     * transaction manager reports a heuristic outcome as committed too (a one-phase commit whose connection
     * broke: the database may have rolled back); forwarding such a command, whose sender then tries again and
     * writes it anew under another message id, would run it twice. A command not found is left to the sweep,
     * which reads the outbox, should its commit still become visible.
     */
    private void forwardCommitted(List<Entry> entries) {
        List<String> ids = entries.stream().map(e -> e.command().messageId()).toList();
        Set<String> stored;
        try {
            stored = transactions.inNewTransaction(() -> outboxes.get().stored(ids));
        } catch (Exception e) {
            LOG.log(Level.FINE, e, () -> "RECQ could not read the outbox to forward " + ids.size() + " commands; "
                    + "the sweep forwards them");
            return;
        }
        if (stored.size() < ids.size()) {
            LOG.warning(() -> "RECQ did not forward " + (ids.size() - stored.size()) + " of " + ids.size()
                    + " commands: their transaction was reported committed, but the outbox does not hold them "
                    + "(an unknown outcome of the commit that was a rollback); their sender tries again");
        }
        forward(entries.stream().filter(e -> stored.contains(e.command().messageId())).toList());
    }

    /**
     * Sends the commands in order; stops at the first that cannot be sent (the sweep sends it and the rest
     * later, in order), then removes the sent ones from the outbox.
     */
    private void forward(List<Entry> entries) {
        List<String> sent = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            OutgoingCommand command = entry.command();
            try {
                Destination replyTo = transport.replies().waiting(command.messageId()) ? transport.replies().replyTo()
                        : null;
                long now = System.currentTimeMillis();
                String service = transport.route(command.payloadName());
                CommandMessages.send(transport, service, command.messageId(), command.payloadName(), command.json(),
                        command.routingKey(), command.metadata(), command.createdAt().toEpochMilli(), replyTo,
                        entry.timeout().isZero() ? 0 : now + entry.timeout().toMillis(), 0);
                sent.add(command.messageId());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "RECQ could not forward the command " + command.payloadName() + " ("
                        + command.messageId() + ") from the outbox; it stays there and is forwarded by the next "
                        + "sweep: " + e.getMessage());
                break;
            }
        }
        remove(sent);
    }

    private void remove(List<String> sent) {
        if (sent.isEmpty()) {
            return;
        }
        try {
            transactions.inNewTransaction(() -> outboxes.get().remove(sent));
        } catch (Exception e) {
            // harmless: a later sweep forwards them again, and their inbox answers the repeats
            LOG.log(Level.FINE, e, () -> "RECQ could not remove " + sent.size() + " forwarded commands from the "
                    + "outbox; a sweep forwards them again");
        }
    }

    private void sweepQuietly() {
        try {
            sweep(Instant.now().minus(transport.config().outboxGrace()));
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "RECQ's sweep of the command outbox failed; it runs again in "
                    + transport.config().outboxSweepInterval().toMillis() + " ms: " + e, e);
        }
    }

    /**
     * Forwards every outbox command written before {@code writtenBefore}.
     *
     * @param writtenBefore the age limit
     * @return how many commands were forwarded
     * @throws Exception when the outbox cannot be read
     */
    public int sweep(Instant writtenBefore) throws Exception {
        if (!outboxes.isResolvable() || !transport.isStarted()) {
            return 0;
        }
        int total = 0;
        while (!stopped) {
            List<OutgoingCommand> due = transactions.inNewTransaction(
                    () -> outboxes.get().pending(writtenBefore, SWEEP_BATCH));
            if (due.isEmpty()) {
                break;
            }
            List<Entry> entries = new ArrayList<>(due.size());
            for (OutgoingCommand command : due) {
                entries.add(new Entry(command, Duration.ZERO, status -> { }));
            }
            LOG.fine(() -> "RECQ forwards " + due.size() + " commands left in the outbox");
            forward(entries);
            total += due.size();
            if (due.size() < SWEEP_BATCH) {
                break;
            }
        }
        return total;
    }

    private record Entry(OutgoingCommand command, Duration timeout, Consumer<Integer> onRollback) {
    }

    /**
     * The commands one transaction wrote: forwarded after its commit, or their senders told of its rollback.
     */
    private final class Written implements Synchronization {

        private final List<Entry> commands = new ArrayList<>();

        @Override
        public void beforeCompletion() {
            // nothing to do
        }

        @Override
        public void afterCompletion(int status) {
            List<Entry> entries = List.copyOf(commands);
            if (status != Status.STATUS_COMMITTED) {
                entries.forEach(entry -> entry.onRollback().accept(status));
                return;
            }
            try {
                transport.scheduler().execute(() -> forwardCommitted(entries));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "RECQ could not schedule the forward of " + entries.size()
                        + " committed commands; the outbox sweep forwards them");
            }
        }
    }
}
