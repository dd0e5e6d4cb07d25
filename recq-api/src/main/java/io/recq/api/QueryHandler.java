package io.recq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Projection} that answers one {@link Query} type with the query's answer type.
 *
 * <p>Handler parameters are matched by type, in any order: the payload is required; the component's state,
 * {@link CommandGateway}, {@link QueryGateway}, {@link Metadata}, {@link java.time.Instant} (the message
 * timestamp) and, for event handlers, {@link EventMessage} and {@link ProjectorStatus} are optional. A
 * parameter that cannot be supplied fails the deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface QueryHandler {
}
