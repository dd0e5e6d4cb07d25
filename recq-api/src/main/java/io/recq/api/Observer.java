package io.recq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;

/**
 * An observer: reacts to events with {@link EventHandler}s for side effects (notifications, calls to
 * other systems). Delivery is at least once and deduplicated per event, with no ordering promise; observers
 * start at the head of the stream and may send commands and queries.
 *
 * <p>A CDI stereotype: the annotated class is an {@code @ApplicationScoped} bean unless it declares
 * another scope, and constructor, field and initializer injection work as in any bean.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Observer {

    /**
     * @return the version of the observer; raising it starts a fresh consumer at the head of the stream
     */
    int version() default 1;
}
