package io.recq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Saga} that handles one {@link Event} type for the saga instance associated
 * with the event's {@link #associationProperty()} value, and returns the new {@link SagaState} or
 * {@code void} after mutating the state it is given.
 *
 * <p>Handler parameters are matched by type, in any order: the payload is required; the component's state,
 * {@link CommandGateway}, {@link QueryGateway}, {@link Metadata}, {@link java.time.Instant} (the message
 * timestamp) and, for event handlers, {@link EventMessage} and {@link ProjectorStatus} are optional. A
 * parameter that cannot be supplied fails the deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SagaEventHandler {

    /**
     * @return whether this handler starts a new saga instance (its state parameter is {@code null}); the
     *         new instance is associated with the event's {@link #associationProperty()} value, and the
     *         handler may add more associations with {@link SagaState#setAssociation}
     */
    boolean init() default false;

    /**
     * @return the name of the event property (record component or getter) whose value selects the saga
     *         instance; required
     */
    String associationProperty() default "";

    /**
     * @return how many times a failing event is retried before it goes to the dead event queue
     */
    int retry() default 3;

    /**
     * @return the delay before the first retry, in milliseconds; it doubles with each further attempt
     */
    long retryDelay() default 200;
}
