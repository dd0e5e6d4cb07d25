/**
 * The RECQ console's server side: JAX-RS resources under {@code api/} that read the running system through
 * RECQ's public API ({@link io.recq.api.Catalog}, {@link io.recq.api.EventLog},
 * {@link io.recq.api.DeadEventQueue}) and answer the browser UI in {@code webapp/} with JSON.
 */
package io.recq.console;
