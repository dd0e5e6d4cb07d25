package io.recq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;

/**
 * A service: a stateless component that handles {@link ServiceCommand}s with {@link CommandHandler}s,
 * typically at the boundary with other systems, and may produce a {@link ServiceEvent}. Services may send
 * commands, never queries.
 *
 * <p>A CDI stereotype: the annotated class is an {@code @ApplicationScoped} bean unless it declares
 * another scope, and constructor, field and initializer injection work as in any bean.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Service {
}
