package io.recq.api;

/**
 * Marker for everything that travels between RECQ components: commands, events and queries.
 *
 * <p>A payload's logical name is its simple class name; it must be unique in a deployment. Payloads are
 * serialised with JSON-B, so Java records, {@code java.time} values, enums, nested records and lists
 * round-trip as they are.
 */
public interface Payload {
}
