package io.recq.api;

/**
 * A request to change the state of the system. Every command has exactly one handler in a deployment:
 * an {@link Aggregate} for a {@link DomainCommand}, a {@link Service} for a {@link ServiceCommand}.
 */
public interface Command extends Payload {
}
