package io.recq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Service} that handles one {@link ServiceCommand} type and returns the
 * {@link ServiceEvent} it produces, or {@code void}.
 *
 * <p>Handler parameters are matched by type, in any order: the payload is required; the component's state,
 * {@link CommandGateway}, {@link QueryGateway}, {@link Metadata}, {@link java.time.Instant} (the message
 * timestamp) and, for event handlers, {@link EventMessage} and {@link ProjectorStatus} are optional. A
 * parameter that cannot be supplied fails the deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CommandHandler {
}
