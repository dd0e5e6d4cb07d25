package io.recq.cdi.command.aggregate;

import java.util.List;

import io.recq.api.DomainEvent;

/**
 * What handling one command against an aggregate produced: the events, in the order the handler returned
 * them, and the instance after applying them.
 *
 * @param events the events to append, in order; empty when the handler decided nothing happens
 * @param instance the instance after the events: version increased by their number, state updated
 */
public record CommandOutcome(List<DomainEvent> events, AggregateInstance instance) {

    public CommandOutcome {
        events = List.copyOf(events);
    }

    /**
     * @return what the sender's future completes with: the first event, or {@code null} when there is none
     */
    public DomainEvent result() {
        return events.isEmpty() ? null : events.get(0);
    }
}
