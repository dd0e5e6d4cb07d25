package io.recq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;

/**
 * An invoker: a bean at the boundary of the system (a JAX-RS resource, a scheduled job, a message
 * listener) that sends commands and queries through the injected {@link CommandGateway} and
 * {@link QueryGateway}. It declares no handler.
 *
 * <p>A CDI stereotype: the annotated class is an {@code @ApplicationScoped} bean unless it declares
 * another scope, and constructor, field and initializer injection work as in any bean.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Invoker {
}
