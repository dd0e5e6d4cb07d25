/**
 * What the benchmark measures inside the server besides its own clocks: when a command's and a projection's
 * transaction committed (a JTA synchronization per followed event), and what the JVM spent (heap, CPU time,
 * bytes allocated) while a phase ran.
 */
package io.recq.bench.probe;
