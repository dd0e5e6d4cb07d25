/**
 * The aggregate engine in plain Java, shared by the server runtime and the test kit: event-sourcing
 * handlers applied to state, the lifecycle rules (init, not initialised, deleted), and a command handler
 * run against the current state. No CDI, no persistence: the callers load and store.
 */
package io.recq.cdi.command.aggregate;
