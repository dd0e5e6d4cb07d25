/**
 * The baseline: the benchmark's work written by hand in plain Jakarta EE, with nothing of RECQ. A caller sends
 * a persistent JMS message to a queue and waits on its own reply queue; a message-driven bean checks the
 * account's version, inserts the event row with JPA, publishes the event on a topic and replies, in one
 * container-managed (XA) transaction; another message-driven bean projects the events into a balance table;
 * a third answers balance queries. The same database, the same broker and the same transaction manager as
 * the RECQ application beside it.
 */
package io.recq.bench.baseline;
