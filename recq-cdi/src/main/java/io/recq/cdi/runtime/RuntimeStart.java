package io.recq.cdi.runtime;

/**
 * Fired once per deployment, synchronously, when the RECQ runtime starts: each part of the runtime that runs
 * threads of its own (the transport's consumers, the event processors) observes it and starts, taking its
 * container resources from {@link RecqResources}.
 *
 * <pre>{@code
 * void start(@Observes RuntimeStart start) { ... }
 * }</pre>
 *
 * <p>{@link RecqRuntime} fires it in the deployment's {@code @Initialized(ApplicationScoped.class)} event (for
 * RECQ in {@code EAR/lib}: the EAR's, which beans there receive once, before any request), or earlier when a
 * gateway is used before that. A part must not observe {@code @Initialized(ApplicationScoped.class)} itself:
 * where RECQ is in {@code EAR/lib}, no {@code java:comp} resource is visible there.
 */
public final class RuntimeStart {

    RuntimeStart() {
    }
}
