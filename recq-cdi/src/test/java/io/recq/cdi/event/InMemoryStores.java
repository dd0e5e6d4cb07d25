package io.recq.cdi.event;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;

import io.recq.cdi.spi.ConsumerPosition;
import io.recq.cdi.spi.ConsumerStore;
import io.recq.cdi.spi.DeadEvent;
import io.recq.cdi.spi.DeadEventStore;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.LeaseLostException;
import io.recq.cdi.spi.NewEvent;
import io.recq.cdi.spi.StoredEvent;
import io.recq.cdi.spi.TransientStoreException;
import io.recq.cdi.spi.AggregateSnapshot;

/**
 * Stores in memory with transactions that undo their writes on rollback, for tests of the tracker's logic
 * without a server. The server ITs run the same tracker against the JPA store and JTA.
 */
final class InMemoryStores {

    private InMemoryStores() {
    }

    /** A user transaction per thread whose participants register what to undo on rollback. */
    static final class Transactions implements UserTransaction, TrackerTransactions {
        private static final ThreadLocal<List<Runnable>> UNDO = new ThreadLocal<>();
        private static final ThreadLocal<Boolean> ROLLBACK_ONLY = new ThreadLocal<>();
        volatile int commits;
        int rollbacks;

        static void onRollback(Runnable undo) {
            List<Runnable> current = UNDO.get();
            if (current != null) {
                current.add(undo);
            }
        }

        @Override
        public <T> T inNewTransaction(int timeoutSeconds, java.util.concurrent.Callable<T> work) throws Exception {
            begin();
            T result;
            try {
                result = work.call();
            } catch (Exception | Error e) {
                rollback();
                throw e;
            }
            commit();
            return result;
        }

        @Override
        public void begin() {
            if (UNDO.get() != null) {
                throw new IllegalStateException("nested transaction");
            }
            UNDO.set(new ArrayList<>());
        }

        @Override
        public synchronized void commit() throws RollbackException {
            if (Boolean.TRUE.equals(ROLLBACK_ONLY.get())) {
                rollback();
                throw new RollbackException("marked for rollback");
            }
            UNDO.remove();
            commits++;
        }

        @Override
        public synchronized void rollback() {
            List<Runnable> undo = UNDO.get();
            UNDO.remove();
            ROLLBACK_ONLY.remove();
            if (undo != null) {
                for (int i = undo.size() - 1; i >= 0; i--) {
                    undo.get(i).run();
                }
            }
            rollbacks++;
        }

        @Override
        public void setRollbackOnly() {
            ROLLBACK_ONLY.set(true);
        }

        @Override
        public int getStatus() {
            return UNDO.get() == null ? Status.STATUS_NO_TRANSACTION : Status.STATUS_ACTIVE;
        }

        @Override
        public void setTransactionTimeout(int seconds) {
            // no timeouts in memory
        }
    }

    /** The events, appended by the test. */
    static final class Events implements EventStore {
        final List<StoredEvent> stored = new ArrayList<>();
        /** While set, reading fails as with a database that cannot be reached. */
        volatile boolean down;
        /** How often the events were read. */
        final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

        synchronized void add(String payloadName, String json, String context) {
            stored.add(new StoredEvent(stored.size() + 1, null, 0, payloadName, json, context,
                    io.recq.api.Metadata.empty(), Instant.now()));
        }

        @Override
        public List<StoredEvent> append(List<NewEvent> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredEvent> load(String aggregateId, long afterVersion) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized List<StoredEvent> read(long fromSequence, int max) {
            reads.incrementAndGet();
            if (down) {
                throw new TransientStoreException("the database cannot be reached");
            }
            List<StoredEvent> result = new ArrayList<>();
            for (StoredEvent e : stored) {
                if (e.sequence() >= fromSequence && result.size() < max) {
                    result.add(e);
                }
            }
            return result;
        }

        @Override
        public Optional<AggregateSnapshot> loadSnapshot(String aggregateId) {
            return Optional.empty();
        }

        @Override
        public void storeSnapshot(AggregateSnapshot snapshot) {
            throw new UnsupportedOperationException();
        }
    }

    /** Positions and leases, fenced like the JPA store. */
    static final class Consumers implements ConsumerStore {
        final Map<String, long[]> positions = new LinkedHashMap<>();
        final Map<String, String> owners = new LinkedHashMap<>();
        final Map<String, Instant> leases = new LinkedHashMap<>();
        final Set<String> handled = new HashSet<>();
        final Events events;
        final Clock clock = Clock.systemUTC();
        /** Every claim, in order: who, when, and whether it got the lease. */
        final List<Claim> claims = new ArrayList<>();
        /** Renewals tried while the database was away. */
        final java.util.concurrent.atomic.AtomicInteger renewalsWhileDown = new java.util.concurrent.atomic.AtomicInteger();

        Consumers(Events events) {
            this.events = events;
        }

        /** One attempt to claim a consumer. */
        record Claim(String owner, Instant at, boolean granted) {
        }

        private void reachable() {
            if (events.down) {
                throw new TransientStoreException("the database cannot be reached");
            }
        }

        synchronized List<Claim> claimsBy(String owner) {
            return claims.stream().filter(c -> c.owner().equals(owner)).toList();
        }

        @Override
        public long head() {
            reachable();
            return events.stored.size();
        }

        @Override
        public synchronized Optional<Long> claim(String consumerId, String owner, Instant leaseUntil,
                long initialPosition) {
            reachable();
            positions.computeIfAbsent(consumerId, k -> new long[] {initialPosition});
            String holder = owners.get(consumerId);
            Instant until = leases.get(consumerId);
            Instant now = clock.instant();
            if (holder != null && !holder.equals(owner) && until != null && until.isAfter(now)) {
                claims.add(new Claim(owner, now, false));
                return Optional.empty();
            }
            claims.add(new Claim(owner, now, true));
            owners.put(consumerId, owner);
            leases.put(consumerId, leaseUntil);
            return Optional.of(positions.get(consumerId)[0]);
        }

        @Override
        public synchronized boolean renew(String consumerId, String owner, Instant leaseUntil) {
            if (events.down) {
                renewalsWhileDown.incrementAndGet();
            }
            reachable();
            if (!owner.equals(owners.get(consumerId))) {
                return false;
            }
            leases.put(consumerId, leaseUntil);
            return true;
        }

        @Override
        public synchronized void release(String consumerId, String owner) {
            reachable();
            if (owner.equals(owners.get(consumerId))) {
                owners.remove(consumerId);
                leases.remove(consumerId);
            }
        }

        @Override
        public synchronized void advance(String consumerId, String owner, long from, long to, Instant leaseUntil,
                boolean forgetHandled) {
            reachable();
            long[] position = positions.get(consumerId);
            if (!owner.equals(owners.get(consumerId)) || position[0] != from) {
                throw new LeaseLostException(consumerId + " is not held by " + owner + " at " + from);
            }
            position[0] = to;
            leases.put(consumerId, leaseUntil);
            Transactions.onRollback(() -> {
                synchronized (this) {
                    position[0] = from;
                }
            });
        }

        @Override
        public synchronized List<ConsumerPosition> positions() {
            List<ConsumerPosition> all = new ArrayList<>();
            positions.forEach((k, v) -> all.add(new ConsumerPosition(k, v[0], owners.get(k), leases.get(k))));
            return all;
        }

        @Override
        public synchronized boolean isHandled(String consumerId, long sequence) {
            return handled.contains(consumerId + "@" + sequence);
        }

        @Override
        public synchronized void markHandled(String consumerId, long sequence) {
            String key = consumerId + "@" + sequence;
            if (handled.add(key)) {
                Transactions.onRollback(() -> {
                    synchronized (this) {
                        handled.remove(key);
                    }
                });
            }
        }

        synchronized long position(String consumerId) {
            long[] position = positions.get(consumerId);
            return position == null ? -1 : position[0];
        }
    }

    /** The dead event queue. */
    static final class DeadEvents implements DeadEventStore {
        final List<DeadEvent> dead = new ArrayList<>();

        @Override
        public synchronized DeadEvent add(DeadEvent event) {
            DeadEvent stored = new DeadEvent(dead.size() + 1, event.consumerId(), event.sequence(),
                    event.payloadName(), event.handler(), event.errorClass(), event.errorMessage(), event.attempts(),
                    event.deadSince(), event.lastAttempt());
            dead.add(stored);
            Transactions.onRollback(() -> {
                synchronized (this) {
                    dead.remove(stored);
                }
            });
            return stored;
        }

        @Override
        public synchronized List<DeadEvent> list(String consumerId, int max) {
            return dead.stream().filter(d -> consumerId == null || d.consumerId().equals(consumerId)).limit(max)
                    .toList();
        }

        @Override
        public synchronized Optional<DeadEvent> find(long id) {
            return dead.stream().filter(d -> d.id() == id).findFirst();
        }

        @Override
        public void recordAttempt(long id, String errorClass, String errorMessage, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized boolean delete(long id) {
            return dead.removeIf(d -> d.id() == id);
        }

        @Override
        public synchronized Map<String, Long> countByConsumer() {
            Map<String, Long> counts = new LinkedHashMap<>();
            dead.forEach(d -> counts.merge(d.consumerId(), 1L, Long::sum));
            return counts;
        }
    }
}
