package io.recq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;

/**
 * A saga: coordinates a long-running process across aggregates and services. Each instance has a
 * {@link SagaState}, is created by a {@link SagaEventHandler} with {@code init = true}, is found for later
 * events through its associations, and is removed once it has ended. Sagas start at the head of the stream
 * on their first deployment and may send commands and queries.
 *
 * <p>A CDI stereotype: the annotated class is an {@code @ApplicationScoped} bean unless it declares
 * another scope, and constructor, field and initializer injection work as in any bean.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Saga {

    /**
     * @return the version of the saga; raising it starts a fresh consumer at the head of the stream
     */
    int version() default 1;
}
