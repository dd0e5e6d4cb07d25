package io.recq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link Aggregate} that applies one {@link DomainEvent} type to the state: it returns
 * the new state, or {@code void} after mutating the state it is given (which is {@code null} for the event
 * that creates the instance). It must be deterministic and free of side effects: it runs again whenever
 * the state is rebuilt.
 *
 * <p>Handler parameters are matched by type, in any order: the payload is required; the component's state,
 * {@link CommandGateway}, {@link QueryGateway}, {@link Metadata}, {@link java.time.Instant} (the message
 * timestamp) and, for event handlers, {@link EventMessage} and {@link ProjectorStatus} are optional. A
 * parameter that cannot be supplied fails the deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EventSourcingHandler {
}
