/**
 * Drives the load from inside the server: caller threads from the server's managed thread factory send
 * commands and queries through RECQ's gateways, the baseline's client or Axon's gateways, closed-loop (each caller
 * waits for its answer) or open-loop (at a fixed rate, latency measured from the intended send time), and a
 * REST resource returns each phase's figures as JSON to the client that prints the table.
 */
package io.recq.bench.driver;
