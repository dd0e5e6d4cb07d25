package io.recq.api;

/**
 * Marker for the items a {@link Projection} answers with: a read-model view of the system state,
 * shaped for the question asked.
 */
public interface View {
}
