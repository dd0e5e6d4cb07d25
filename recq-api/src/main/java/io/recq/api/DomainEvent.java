package io.recq.api;

/**
 * An event produced by an {@link Aggregate}: it changes the state of that aggregate instance and is
 * applied to it by {@link EventSourcingHandler}s.
 */
public interface DomainEvent extends Event {
}
