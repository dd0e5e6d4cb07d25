package io.recq.cdi.event;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.recq.api.Catalog;
import io.recq.api.DeadEventQueue;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.RequestTimeoutException;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.runtime.RecqConfig;
import io.recq.cdi.runtime.RecqResources;
import io.recq.cdi.runtime.RuntimeStart;
import io.recq.cdi.spi.DeadEvent;
import io.recq.cdi.spi.DeadEventStore;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.StoredEvent;

/**
 * The {@link DeadEventQueue} of a deployment, over the store's {@link DeadEventStore}. A retry runs the
 * consumer's handler on the caller's thread: for a projector or a saga inside a new transaction that also
 * removes the entry; for an observer outside a transaction, removing the entry afterwards.
 *
 * <p>A deployment that does not run the entry's consumer (an operator's console, another service) asks for
 * the retry on the entry in the store, and waits for its outcome: every deployment looks, every
 * {@value #REQUEST_POLL_KEY} milliseconds, for requests on the consumers it runs, takes each one (one
 * deployment wins) and retries it as above.
 */
@ApplicationScoped
public class DeadEvents implements DeadEventQueue {

    /** How often a deployment looks for retries asked for by another one, in milliseconds. */
    public static final String REQUEST_POLL_KEY = "recq.dead-events.request-poll-ms";
    /** How long a retry asked of another deployment is waited for, in milliseconds. */
    public static final String REQUEST_TIMEOUT_KEY = "recq.dead-events.request-timeout-ms";
    private static final long DEFAULT_REQUEST_POLL_MS = 2_000;
    private static final long DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
    private static final long OUTCOME_POLL_MS = 100;
    private static final int REQUESTS_PER_POLL = 50;

    private static final Logger LOG = Logger.getLogger(DeadEvents.class.getName());

    private EventProcessing processing;
    private Instance<DeadEventStore> deadEventStores;
    private Instance<EventStore> eventStores;
    private ConsumerTransactions transactions;
    private Instance<Catalog> catalogs;
    private RecqConfig config;
    private RecqResources resources;
    private final Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> requests;

    protected DeadEvents() {
        // for the proxy
    }

    @Inject
    public DeadEvents(EventProcessing processing, Instance<DeadEventStore> deadEventStores,
            Instance<EventStore> eventStores, ConsumerTransactions transactions, Instance<Catalog> catalogs,
            RecqConfig config, RecqResources resources) {
        this.processing = processing;
        this.deadEventStores = deadEventStores;
        this.eventStores = eventStores;
        this.transactions = transactions;
        this.catalogs = catalogs;
        this.config = config;
        this.resources = resources;
    }

    /**
     * Starts looking for retries that other deployments ask of this one's consumers.
     *
     * @param start the runtime's start
     */
    void serveRequests(@Observes RuntimeStart start) {
        if (deadEventStores.isUnsatisfied() || processing.consumerKeys().isEmpty()) {
            return;
        }
        long every = Math.max(100, config.getLong(REQUEST_POLL_KEY, DEFAULT_REQUEST_POLL_MS));
        requests = resources.scheduledExecutor().scheduleWithFixedDelay(this::serveRequests, every, every,
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> task = requests;
        if (task != null) {
            task.cancel(false);
        }
    }

    /**
     * Takes and retries the requests on this deployment's consumers. Public for tests.
     *
     * @return how many requests it took
     */
    public int serveRequests() {
        try {
            List<String> mine = processing.consumerKeys();
            DeadEventStore store = store();
            int served = 0;
            for (DeadEvent request : store.retryRequests(mine, REQUESTS_PER_POLL)) {
                if (!transactions.inNewTransaction(() -> store.claimRetry(request.id()))) {
                    continue;
                }
                served++;
                try {
                    boolean handled = retry(request.id());
                    LOG.info(() -> "RECQ retried dead event " + request.id() + " as asked by another deployment: "
                            + (handled ? "handled" : "failed again"));
                } catch (HandlerNotFoundException e) {
                    LOG.warning(() -> "RECQ could not retry dead event " + request.id() + " as asked: "
                            + e.getMessage());
                }
            }
            return served;
        } catch (Exception e) {
            // the store is away or the deployment stops: the requests wait for the next look
            LOG.log(Level.FINE, e, () -> "RECQ could not look for dead event retry requests");
            return 0;
        }
    }

    @Override
    public List<Entry> list(String consumer, int max) {
        return store().list(consumer, Math.max(0, max)).stream().map(DeadEvents::entry).toList();
    }

    @Override
    public Optional<Entry> find(long id) {
        return store().find(id).map(DeadEvents::entry);
    }

    @Override
    public boolean retry(long id) {
        DeadEventStore store = store();
        DeadEvent dead = store.find(id).orElseThrow(() -> notFound("there is no dead event " + id,
                "list the dead events to find their ids"));
        Optional<EventConsumer> local = processing.consumer(dead.consumerId());
        if (local.isEmpty()) {
            return retryElsewhere(store, dead);
        }
        EventConsumer consumer = local.get();
        StoredEvent event = eventStores.get().read(dead.sequence(), 1).stream()
                .filter(e -> e.sequence() == dead.sequence()).findFirst()
                .orElseThrow(() -> notFound("the event " + dead.sequence() + " of dead event " + id
                        + " is not in the event store", "delete the entry"));
        HandlerMethod handler = consumer.handlerFor(event).orElseThrow(() -> notFound(consumer.component()
                .componentClass().getName() + " has no handler for " + event.payloadName() + " any more (dead event "
                + id + ")", "delete the entry"));
        try {
            if (consumer.transactional()) {
                transactions.inNewTransaction(() -> {
                    consumer.handle(event, handler, true);
                    store.delete(id);
                    return null;
                });
            } else {
                consumer.handle(event, handler, true);
                transactions.inNewTransaction(() -> store.delete(id));
            }
            LOG.info(() -> "RECQ handled dead event " + id + " (event " + event.sequence() + ", " + consumer
                    + ") on retry and removed it from the queue");
            return true;
        } catch (Exception e) {
            Throwable cause = EventTracker.HandlerFailure.unwrap(e);
            LOG.log(Level.INFO, cause, () -> "RECQ dead event " + id + " failed again on retry");
            try {
                transactions.inNewTransaction(() -> {
                    store.recordAttempt(id, cause.getClass().getName(), String.valueOf(cause.getMessage()),
                            DeadEvent.trace(cause), clock.instant());
                    return null;
                });
            } catch (Exception recordFailure) {
                LOG.log(Level.WARNING, recordFailure, () -> "RECQ could not record the failed retry of dead event "
                        + id);
            }
            return false;
        }
    }

    /**
     * Asks the deployment that runs the entry's consumer to retry it, and waits for the outcome.
     */
    private boolean retryElsewhere(DeadEventStore store, DeadEvent dead) {
        long id = dead.id();
        if (!runningElsewhere(dead.consumerId())) {
            throw notFound("the consumer " + dead.consumerId() + " of dead event " + id + " is not part of this "
                    + "deployment, and no running service has it", "deploy that component version again to retry, "
                    + "or delete the entry");
        }
        try {
            if (!transactions.inNewTransaction(() -> store.requestRetry(id, clock.instant()))) {
                throw notFound("there is no dead event " + id, "list the dead events to find their ids");
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long timeout = config.getLong(REQUEST_TIMEOUT_KEY, DEFAULT_REQUEST_TIMEOUT_MS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        while (System.nanoTime() < deadline) {
            Optional<DeadEvent> now = store.find(id);
            if (now.isEmpty()) {
                return true;
            }
            if (now.get().attempts() > dead.attempts()) {
                return false;
            }
            try {
                Thread.sleep(OUTCOME_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new RequestTimeoutException(ErrorCode.DEAD_EVENT_NOT_FOUND.code() + " dead event " + id + " of "
                + dead.consumerId() + " was not retried within " + timeout + " ms by the service that runs its "
                + "consumer: the retry stays asked for and happens when that service looks again (every "
                + REQUEST_POLL_KEY + " ms). Fix: list the dead events later to see the outcome, or raise "
                + REQUEST_TIMEOUT_KEY);
    }

    /**
     * @return whether a running service of the catalog consumes events with the component of that consumer id
     */
    private boolean runningElsewhere(String consumerId) {
        if (catalogs.isUnsatisfied()) {
            return false;
        }
        String[] parts = consumerId.split(":", 4);
        if (parts.length < 2) {
            return false;
        }
        String kind = parts[0].toLowerCase(Locale.ROOT);
        String name = parts[1];
        return catalogs.get().services().stream().flatMap(s -> s.messages().stream())
                .anyMatch(m -> m.componentKind().equals(kind) && (m.component().equals(name)
                        || m.component().endsWith("." + name) || m.component().endsWith("$" + name)));
    }

    @Override
    public boolean delete(long id) {
        try {
            return transactions.inNewTransaction(() -> store().delete(id));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private DeadEventStore store() {
        if (deadEventStores.isUnsatisfied()) {
            throw new HandlerNotFoundException(ErrorCode.NO_EVENT_STORE.code() + " there is no dead event queue: "
                    + "no store is deployed. Fix: add recq-jpa-store to the deployment");
        }
        return deadEventStores.get();
    }

    private static HandlerNotFoundException notFound(String what, String fix) {
        return new HandlerNotFoundException(ErrorCode.DEAD_EVENT_NOT_FOUND.code() + " " + what + ". Fix: " + fix);
    }

    private static Entry entry(DeadEvent d) {
        return new Entry(d.id(), d.consumerId(), d.sequence(), d.payloadName(), d.handler(), d.errorClass(),
                d.errorMessage(), d.attempts(), d.deadSince(), d.lastAttempt(), d.errorTrace());
    }
}
