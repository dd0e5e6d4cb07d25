package io.recq.cdi.event;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.recq.api.DeadEventQueue;
import io.recq.api.HandlerNotFoundException;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.spi.DeadEvent;
import io.recq.cdi.spi.DeadEventStore;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.StoredEvent;

/**
 * The {@link DeadEventQueue} of a deployment, over the store's {@link DeadEventStore}. A retry runs the
 * consumer's handler on the caller's thread: for a projector or a saga inside a new transaction that also
 * removes the entry; for an observer outside a transaction, removing the entry afterwards.
 */
@ApplicationScoped
public class DeadEvents implements DeadEventQueue {

    private static final Logger LOG = Logger.getLogger(DeadEvents.class.getName());

    private EventProcessing processing;
    private Instance<DeadEventStore> deadEventStores;
    private Instance<EventStore> eventStores;
    private ConsumerTransactions transactions;
    private final Clock clock = Clock.systemUTC();

    protected DeadEvents() {
        // for the proxy
    }

    @Inject
    public DeadEvents(EventProcessing processing, Instance<DeadEventStore> deadEventStores,
            Instance<EventStore> eventStores, ConsumerTransactions transactions) {
        this.processing = processing;
        this.deadEventStores = deadEventStores;
        this.eventStores = eventStores;
        this.transactions = transactions;
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
        EventConsumer consumer = processing.consumer(dead.consumerId()).orElseThrow(() -> notFound("the consumer "
                + dead.consumerId() + " of dead event " + id + " is not part of this deployment",
                "deploy that component version again to retry, or delete the entry"));
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
                            clock.instant());
                    return null;
                });
            } catch (Exception recordFailure) {
                LOG.log(Level.WARNING, recordFailure, () -> "RECQ could not record the failed retry of dead event "
                        + id);
            }
            return false;
        }
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
                d.errorMessage(), d.attempts(), d.deadSince(), d.lastAttempt());
    }
}
