/**
 * The container-free test kit: given/when/then fixtures that run RECQ components with the server's own
 * handler resolution, lifecycle rules, capability checks and JSON-B serialisation, in milliseconds.
 *
 * <ul>
 * <li>{@link io.recq.test.AggregateFixture}: given past events (or commands), when a command arrives,
 * expect events or an exception, and the state left ({@link io.recq.test.AggregateResult}).</li>
 * <li>{@link io.recq.test.SagaFixture}: given published events, when one more is published, expect the
 * commands sent and the instance active or ended ({@link io.recq.test.SagaResult}).</li>
 * <li>{@link io.recq.test.ProjectorFixture}: feed events to a projector whose JPA read model lives in an
 * in-memory H2 database, then ask its projections and check the answers.</li>
 * </ul>
 *
 * <p>Every fixture inspects the component as the deployment does and fails fast with the same
 * {@code RECQ-000xx} problems ({@link io.recq.test.InvalidComponentException}). Expectations fail with an
 * {@link java.lang.AssertionError} that shows what was expected, what happened and what differs. Put the
 * module in test scope: it brings Hibernate ORM, H2 and Yasson for Java SE.
 */
package io.recq.test;
