package io.recq.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;

/**
 * A projection: answers {@link Query queries} from a read model with {@link QueryHandler}s. It runs
 * without a transaction and may send queries, never commands.
 *
 * <p>A CDI stereotype: the annotated class is an {@code @ApplicationScoped} bean unless it declares
 * another scope, and constructor, field and initializer injection work as in any bean.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Projection {
}
