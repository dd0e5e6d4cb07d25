package io.recq.cdi.model;

import java.time.Instant;

import io.recq.api.CommandGateway;
import io.recq.api.EventMessage;
import io.recq.api.Metadata;
import io.recq.api.Payload;
import io.recq.api.ProjectorStatus;
import io.recq.api.QueryGateway;

/**
 * Everything a handler invocation may supply to the handler's parameters. The runtime and the test kit
 * fill in what they have; {@link HandlerMethod#invoke} picks what the method declares.
 */
public final class HandlerArguments {

    private final Payload payload;
    private Object state;
    private Metadata metadata = Metadata.empty();
    private Instant timestamp;
    private EventMessage<?> eventMessage;
    private ProjectorStatus projectorStatus;
    private CommandGateway commandGateway;
    private QueryGateway queryGateway;

    private HandlerArguments(Payload payload) {
        this.payload = payload;
    }

    /**
     * @param payload the payload being handled
     * @return arguments for that payload, to be completed with the other setters
     */
    public static HandlerArguments of(Payload payload) {
        if (payload == null) {
            throw new IllegalArgumentException("a handler invocation needs a payload");
        }
        return new HandlerArguments(payload);
    }

    public HandlerArguments state(Object state) {
        this.state = state;
        return this;
    }

    public HandlerArguments metadata(Metadata metadata) {
        this.metadata = metadata == null ? Metadata.empty() : metadata;
        return this;
    }

    public HandlerArguments timestamp(Instant timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    public HandlerArguments eventMessage(EventMessage<?> eventMessage) {
        this.eventMessage = eventMessage;
        return this;
    }

    public HandlerArguments projectorStatus(ProjectorStatus projectorStatus) {
        this.projectorStatus = projectorStatus;
        return this;
    }

    public HandlerArguments commandGateway(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
        return this;
    }

    public HandlerArguments queryGateway(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
        return this;
    }

    public Payload payload() {
        return payload;
    }

    public Object state() {
        return state;
    }

    public Metadata metadata() {
        return metadata;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public EventMessage<?> eventMessage() {
        return eventMessage;
    }

    public ProjectorStatus projectorStatus() {
        return projectorStatus;
    }

    public CommandGateway commandGateway() {
        return commandGateway;
    }

    public QueryGateway queryGateway() {
        return queryGateway;
    }

    Object valueFor(ParameterKind kind) {
        return switch (kind) {
            case PAYLOAD -> payload;
            case STATE -> state;
            case METADATA -> metadata;
            case TIMESTAMP -> timestamp;
            case EVENT_MESSAGE -> eventMessage;
            case PROJECTOR_STATUS -> projectorStatus;
            case COMMAND_GATEWAY -> commandGateway;
            case QUERY_GATEWAY -> queryGateway;
        };
    }
}
