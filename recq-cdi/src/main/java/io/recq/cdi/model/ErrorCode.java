package io.recq.cdi.model;

/**
 * The stable codes of RECQ errors. Tests and users match on the code, never on the wording. Codes below
 * 1000 are deployment problems; codes from 1000 are runtime errors.
 */
public enum ErrorCode {

    // --- deployment: handler signatures
    NO_PAYLOAD_PARAMETER(1, "handler has no payload parameter"),
    UNSUPPORTED_PARAMETER(2, "handler parameter cannot be supplied"),
    DUPLICATE_HANDLER_IN_COMPONENT(3, "two handlers for the same payload in one component"),
    DUPLICATE_COMMAND_HANDLER(4, "two components handle the same command"),
    DUPLICATE_QUERY_HANDLER(5, "two components handle the same query"),
    AGGREGATE_WITHOUT_INIT(6, "aggregate without an init command handler"),
    SAGA_WITHOUT_INIT(7, "saga without an init event handler"),
    INACCESSIBLE_HANDLER(8, "handler method is private or static"),
    EVENT_SOURCING_PAYLOAD_NOT_DOMAIN_EVENT(9, "event-sourcing handler payload is not a DomainEvent"),
    MISSING_ASSOCIATION_PROPERTY(10, "saga handler without associationProperty"),
    UNKNOWN_ASSOCIATION_PROPERTY(11, "saga associationProperty does not exist on the event"),
    PAYLOAD_NOT_CREATABLE(12, "JSON-B cannot create the payload or state class"),
    DUPLICATE_PAYLOAD_NAME(13, "two payload classes with the same simple name"),
    WRONG_PAYLOAD_TYPE(14, "handler payload is not of the kind the annotation handles"),
    HANDLER_IN_WRONG_COMPONENT(15, "handler annotation on a component kind that cannot declare it"),
    WRONG_RETURN_TYPE(16, "handler return type does not fit its kind"),
    INCONSISTENT_STATE_TYPE(17, "handlers of one component disagree on its state type"),
    SEVERAL_STEREOTYPES(18, "class carries more than one component stereotype"),
    AMBIGUOUS_PARAMETER(19, "two handler parameters of the same kind"),
    SEVERAL_HANDLER_ANNOTATIONS(20, "method carries more than one handler annotation"),
    INVALID_COMPONENT_SETTING(21, "invalid value in a component or handler annotation"),
    MISSING_STATE_TYPE(22, "the component's state type cannot be determined"),

    // --- runtime
    FORBIDDEN_MESSAGE(1001, "component kind may not send this kind of message"),
    HANDLER_NOT_FOUND(1002, "no handler for the payload"),
    INVALID_PAYLOAD(1003, "payload cannot be serialised or read"),
    REQUEST_TIMEOUT(1004, "no result within the timeout"),
    AGGREGATE_NOT_INITIALIZED(1005, "aggregate instance does not exist"),
    AGGREGATE_ALREADY_INITIALIZED(1006, "aggregate instance already exists"),
    AGGREGATE_DELETED(1007, "aggregate instance is deleted"),
    HANDLER_FAILED(1008, "handler threw an exception"),
    RESOURCE_NOT_FOUND(1009, "a container resource the runtime needs cannot be found"),

    // --- runtime: transport
    TRANSPORT_UNAVAILABLE(1101, "the message broker cannot be reached or the transport is stopped"),
    COMMAND_DEAD_LETTERED(1102, "command failed on every delivery and was moved to the dead-letter queue"),
    REQUEST_NOT_SENT(1103, "the transaction that sent the command rolled back, so it was never sent"),

    // --- runtime: command handling and the store
    CONCURRENT_APPEND(1201, "another transaction stored the same aggregate version or key; retried"),
    STORE_UNAVAILABLE(1202, "the store cannot be reached or a lock wait timed out; retried"),
    STORE_SCHEMA_INVALID(1203, "the store's tables are missing or do not match"),
    NO_EVENT_STORE(1204, "no event store is deployed"),
    STATE_NOT_CREATABLE(1205, "the aggregate state cannot be created or read"),

    // --- runtime: event consumers
    DEAD_EVENT_NOT_FOUND(1301, "the dead event, its consumer, its event or its handler does not exist"),
    LEASE_LOST(1302, "another node took the event consumer over"),
    NOT_REPLAYABLE(1303, "the consumer to replay does not exist or is not a projector"),

    // --- runtime: services
    DUPLICATE_SERVICE_HANDLER(1401, "another running service handles the same command or query type"),
    DUPLICATE_NODE(1402, "another running node has the same node name or transaction node identifier");

    private final int number;
    private final String summary;

    ErrorCode(int number, String summary) {
        this.number = number;
        this.summary = summary;
    }

    /**
     * @return the stable code, for example {@code RECQ-00012}
     */
    public String code() {
        return String.format("RECQ-%05d", number);
    }

    /**
     * @return a one-line description of the condition
     */
    public String summary() {
        return summary;
    }

    @Override
    public String toString() {
        return code();
    }
}
