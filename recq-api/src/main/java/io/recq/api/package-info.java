/**
 * The public contract of RECQ for Jakarta EE: everything an application imports.
 *
 * <p>A RECQ system is made of seven kinds of components &mdash; {@link io.recq.api.Aggregate aggregates},
 * {@link io.recq.api.Service services}, {@link io.recq.api.Projector projectors},
 * {@link io.recq.api.Projection projections}, {@link io.recq.api.Saga sagas},
 * {@link io.recq.api.Observer observers} and {@link io.recq.api.Invoker invokers} &mdash; that exchange
 * four kinds of messages: {@link io.recq.api.Command commands}, {@link io.recq.api.Event events},
 * {@link io.recq.api.Query queries} and {@link io.recq.api.View views}. Components are CDI beans; the
 * framework discovers their handler methods when the application is deployed, validates them, and
 * routes messages to them through the application server's messaging and persistence.
 *
 * <p>Nothing outside this package is meant to be used by application code.
 */
package io.recq.api;
