/**
 * The benchmark's RECQ application: an account aggregate that takes deposits, a projector that keeps each
 * account's balance in a table of the same database, and a projection that answers balance queries. The same
 * work is written by hand in plain Jakarta EE in {@code io.recq.bench.baseline}.
 */
package io.recq.bench.account;
