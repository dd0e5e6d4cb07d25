package io.recq.api;

/**
 * An event produced by a {@link Service}. It is stored and published like a domain event, but belongs
 * to no aggregate state.
 */
public interface ServiceEvent extends Event {
}
