package io.recq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;

/**
 * A projector: builds a read model from events with {@link EventHandler}s. It receives the events of its
 * {@link #contexts()} in global order, one active instance per (projector, version, context) across the
 * cluster, and replays the whole stream when it is new or its {@link #version()} is raised. Projectors may
 * send queries, never commands.
 *
 * <p>A CDI stereotype: the annotated class is an {@code @ApplicationScoped} bean unless it declares
 * another scope, and constructor, field and initializer injection work as in any bean.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Projector {

    /**
     * @return the version of the read model; raising it replays every event from the first
     */
    int version() default 1;

    /**
     * @return the event contexts this projector consumes; {@code "*"} (the default) means all
     */
    String[] contexts() default {"*"};
}
