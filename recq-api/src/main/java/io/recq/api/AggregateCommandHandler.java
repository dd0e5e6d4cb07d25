package io.recq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link Aggregate} that handles one {@link DomainCommand} type and returns the
 * {@link DomainEvent} it decides on, or a {@code List} of them. The state parameter is the current state of
 * the instance ({@code null} in an {@code init} handler).
 *
 * <p>Handler parameters are matched by type, in any order: the payload is required; the component's state,
 * {@link CommandGateway}, {@link QueryGateway}, {@link Metadata}, {@link java.time.Instant} (the message
 * timestamp) and, for event handlers, {@link EventMessage} and {@link ProjectorStatus} are optional. A
 * parameter that cannot be supplied fails the deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AggregateCommandHandler {

    /**
     * @return whether this handler creates the aggregate instance: it is refused with
     *         {@link AggregateAlreadyInitializedException} when the instance exists, while every other
     *         handler is refused with {@link AggregateNotInitializedException} when it does not
     */
    boolean init() default false;
}
