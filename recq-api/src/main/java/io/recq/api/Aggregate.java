package io.recq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;

/**
 * An aggregate: the consistency boundary that handles {@link DomainCommand}s addressed to one instance
 * and decides which {@link DomainEvent}s happen. Its state ({@link AggregateState}) is rebuilt from its
 * events by {@link EventSourcingHandler}s. It must declare an {@link AggregateCommandHandler} with
 * {@code init = true} that creates instances. Aggregates may send commands, never queries.
 *
 * <p>A CDI stereotype: the annotated class is an {@code @ApplicationScoped} bean unless it declares
 * another scope, and constructor, field and initializer injection work as in any bean.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Aggregate {

    /**
     * @return take a snapshot of the state every this many events; {@code -1} (the default) never
     */
    int snapshotFrequency() default -1;
}
