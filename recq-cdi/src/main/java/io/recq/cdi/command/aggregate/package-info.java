/**
 * How a command meets an aggregate, independent of where the aggregate's events are stored: the lifecycle
 * rules (init, not initialised, deleted), the call of the command handler, and the application of events
 * to the aggregate's state by its event-sourcing handlers.
 *
 * <p>Plain classes without CDI, JMS or JPA: the server runtime runs them inside its transaction around a
 * loaded {@link io.recq.cdi.command.aggregate.AggregateInstance}, and the container-free test kit runs the
 * very same code, so that a fixture and the server cannot disagree on what a command does.
 */
package io.recq.cdi.command.aggregate;
