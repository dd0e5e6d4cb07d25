/**
 * The benchmark's work written with Axon Framework 4, as a user without Spring and without Axon Server would
 * write it on WildFly: an event-sourced {@link io.recq.bench.axon.AxonAccount} aggregate behind Axon's local
 * {@code SimpleCommandBus}, its events in Axon's JPA event storage on the server's default datasource, a
 * tracking event processor keeping each account's balance in a table of the same database, and a query
 * handler answering balance queries, all configured with Axon's {@code Configurer} API by
 * {@link io.recq.bench.axon.AxonApplication} when the application starts. Transactions are the server's
 * (JTA), through {@link io.recq.bench.axon.JtaTransactionManager}.
 */
package io.recq.bench.axon;
