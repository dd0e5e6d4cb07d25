package io.recq.cdi.model;

/**
 * What a handler parameter receives; parameters are matched by type, in any order.
 */
public enum ParameterKind {
    /** The message payload (required). */
    PAYLOAD,
    /** The component's state: the aggregate or saga state, {@code null} in an init handler. */
    STATE,
    /** A {@link io.recq.api.CommandGateway} that carries the handled message's correlation. */
    COMMAND_GATEWAY,
    /** A {@link io.recq.api.QueryGateway} that carries the handled message's correlation. */
    QUERY_GATEWAY,
    /** The message's {@link io.recq.api.Metadata}. */
    METADATA,
    /** The message timestamp, an {@link java.time.Instant}. */
    TIMESTAMP,
    /** The stored event with its envelope, an {@link io.recq.api.EventMessage}. */
    EVENT_MESSAGE,
    /** The projector's {@link io.recq.api.ProjectorStatus}. */
    PROJECTOR_STATUS
}
