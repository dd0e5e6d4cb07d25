package io.recq.cdi.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.recq.cdi.spi.AggregateSnapshot;
import io.recq.cdi.spi.ConcurrentAppendException;
import io.recq.cdi.spi.EventStore;
import io.recq.cdi.spi.IdempotencyRecord;
import io.recq.cdi.spi.IdempotencyStore;
import io.recq.cdi.spi.NewEvent;
import io.recq.cdi.spi.StoredEvent;

/**
 * The store SPI in memory for the command runtime's unit tests, keeping the contract's rules (unique
 * aggregate version and idempotency key, consecutive sequence). The JPA store is tested against real
 * databases in recq-jpa-store.
 */
final class InMemoryStore implements EventStore, IdempotencyStore {

    final List<StoredEvent> events = new ArrayList<>();
    final Map<String, AggregateSnapshot> snapshots = new HashMap<>();
    final Map<String, IdempotencyRecord> records = new HashMap<>();
    final List<Long> loadedAfter = new ArrayList<>();
    RuntimeException failAppendWith;

    @Override
    public List<StoredEvent> append(List<NewEvent> newEvents) {
        if (failAppendWith != null) {
            throw failAppendWith;
        }
        for (NewEvent e : newEvents) {
            if (e.aggregateId() != null && events.stream().anyMatch(s -> e.aggregateId().equals(s.aggregateId())
                    && s.aggregateVersion() == e.aggregateVersion())) {
                throw new ConcurrentAppendException("version " + e.aggregateVersion() + " of " + e.aggregateId());
            }
        }
        List<StoredEvent> stored = new ArrayList<>();
        for (NewEvent e : newEvents) {
            StoredEvent s = new StoredEvent(events.size() + 1, e.aggregateId(), e.aggregateVersion(), e.payloadName(),
                    e.json(), e.context(), e.metadata(), e.timestamp());
            events.add(s);
            stored.add(s);
        }
        return stored;
    }

    @Override
    public List<StoredEvent> load(String aggregateId, long afterVersion) {
        loadedAfter.add(afterVersion);
        return events.stream().filter(e -> aggregateId.equals(e.aggregateId()) && e.aggregateVersion() > afterVersion)
                .toList();
    }

    @Override
    public List<StoredEvent> read(long fromSequence, int max) {
        return events.stream().filter(e -> e.sequence() >= fromSequence).limit(max).toList();
    }

    @Override
    public Optional<AggregateSnapshot> loadSnapshot(String aggregateId) {
        return Optional.ofNullable(snapshots.get(aggregateId));
    }

    @Override
    public void storeSnapshot(AggregateSnapshot snapshot) {
        snapshots.put(snapshot.aggregateId(), snapshot);
    }

    @Override
    public Optional<IdempotencyRecord> find(String key, Instant notBefore) {
        IdempotencyRecord record = records.get(key);
        if (record != null && record.recordedAt().isBefore(notBefore)) {
            records.remove(key);
            return Optional.empty();
        }
        return Optional.ofNullable(record);
    }

    @Override
    public void record(IdempotencyRecord record) {
        if (records.putIfAbsent(record.key(), record) != null) {
            throw new ConcurrentAppendException("key " + record.key());
        }
    }

    @Override
    public int deleteOlderThan(Instant before) {
        int size = records.size();
        records.values().removeIf(r -> r.recordedAt().isBefore(before));
        return size - records.size();
    }
}
