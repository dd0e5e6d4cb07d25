/**
 * How an event meets a saga, independent of where saga instances are stored: which handler and which
 * association an event routes to, how an {@code init} handler starts an instance, and what an instance
 * looks like after a handler.
 *
 * <p>Plain classes without CDI, JMS or JPA: the server runtime finds the instances with the
 * {@link io.recq.cdi.event.saga.SagaRoute} and stores what {@link io.recq.cdi.event.saga.SagaEngine}
 * returns in its transaction; the container-free test kit runs the very same code over instances kept in
 * memory as JSON.
 */
package io.recq.cdi.event.saga;
