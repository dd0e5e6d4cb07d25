package io.recq.jms;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import io.recq.api.Metadata;

/**
 * The names of the message properties RECQ sets, and the encoding of metadata. The format as a whole is
 * described in the {@linkplain io.recq.jms package documentation}.
 */
public final class MessageFormat {

    /** The version of the wire format ({@code docs/wire-format.md}) a message is written in: {@value #VERSION}. */
    public static final String FORMAT = "recq_format";
    /** The version of the wire format RECQ writes and reads. */
    public static final int VERSION = 1;

    /** The payload's logical name (simple class name): what the JSON body may be read into. */
    public static final String PAYLOAD = "recq_payload";
    /** The unique id of a command, query or event message; replies carry it as JMSCorrelationID. */
    public static final String MESSAGE_ID = "recq_message_id";
    /** String: the class of a reply's result in the replying service, so that a sender that has it can read it. */
    public static final String PAYLOAD_CLASS = "recq_payload_class";
    /** The aggregate id or service lock id a command is serialised on. */
    public static final String ROUTING_KEY = "recq_routing_key";
    /** The metadata, as one JSON object of strings. */
    public static final String METADATA = "recq_metadata";
    /** When the request was sent, epoch milliseconds. */
    public static final String TIMESTAMP = "recq_timestamp";
    /** When the caller stops waiting, epoch milliseconds: consumers skip a request past its deadline. */
    public static final String DEADLINE = "recq_deadline";
    /** On replies: {@link #OUTCOME_OK} or {@link #OUTCOME_FAILED}. */
    public static final String OUTCOME = "recq_outcome";
    /** On failure replies: the exception's class name; the body is its message. */
    public static final String ERROR_CLASS = "recq_error_class";
    /** On failure replies: the RECQ error code, when there is one. */
    public static final String ERROR_CODE = "recq_error_code";
    /** On events: the global sequence; on an announcement of a transaction's events: the highest one. */
    public static final String SEQUENCE = "recq_sequence";
    /** On an announcement of a transaction's events: how many it stored. */
    public static final String EVENT_COUNT = "recq_event_count";
    /** On events: the producing aggregate's id. */
    public static final String AGGREGATE_ID = "recq_aggregate_id";
    /** On events: the aggregate's version after the event. */
    public static final String AGGREGATE_VERSION = "recq_aggregate_version";
    /** On events: the event's context (stream partition). */
    public static final String CONTEXT = "recq_context";
    /** On dead letters: why the message was moved. */
    public static final String DEAD_REASON = "recq_dead_reason";
    /** On dead letters: the destination it was consumed from. */
    public static final String DEAD_ORIGIN = "recq_dead_origin";
    /**
     * On a command sent again after it failed permanently: how often it has failed so far. A command without
     * it has not failed yet.
     */
    public static final String FAILURES = "recq_failures";
    /** On dead letters: how often the command was tried before it was moved. */
    public static final String DEAD_TRIES = "recq_dead_tries";

    /** The W3C trace context of the span that sent the message, when telemetry is on (also in the metadata). */
    public static final String TRACE_PARENT = Metadata.TRACE_PARENT;
    /** The W3C trace state that goes with {@link #TRACE_PARENT}, when there is one. */
    public static final String TRACE_STATE = Metadata.TRACE_STATE;

    /** Reply outcome: the request was handled; the body is the result's JSON. */
    public static final String OUTCOME_OK = "ok";
    /** Reply outcome: the request failed; see {@link #ERROR_CLASS}. */
    public static final String OUTCOME_FAILED = "failed";

    /** Message grouping: all messages with one group id go to one consumer at a time. */
    public static final String GROUP_ID = "JMSXGroupID";
    /** How often the message has been delivered, 1 for the first time. */
    public static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    /**
     * Looked up once: {@code Json.createReader} and {@code Json.createObjectBuilder} look the provider up with
     * a {@code ServiceLoader} on every call, which in an application server scans the deployment's jars and
     * cost a fifth of a command consumer's CPU time (benchmarks/README.md).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private MessageFormat() {
    }

    /**
     * @param name a message property's name
     * @return whether the sender set it: not one of JMS's ({@code JMSX...}) or the broker's own ({@code _AMQ_...},
     *         {@code __AMQ_CID}), which must not be copied from a received message onto a new one
     */
    public static boolean isApplicationProperty(String name) {
        return !name.startsWith("JMSX") && !name.startsWith("JMS_") && !name.startsWith("_");
    }

    /**
     * Sets the trace context the metadata carries as message properties of the same names, where any JMS
     * instrumentation finds it.
     *
     * @param message a message being written
     * @param metadata its metadata
     * @throws JMSException when a property cannot be set
     */
    public static void writeTraceContext(Message message, Metadata metadata) throws JMSException {
        if (metadata == null || metadata.isEmpty()) {
            return;
        }
        String parent = metadata.asMap().get(TRACE_PARENT);
        if (parent != null) {
            message.setStringProperty(TRACE_PARENT, parent);
            String state = metadata.asMap().get(TRACE_STATE);
            if (state != null) {
                message.setStringProperty(TRACE_STATE, state);
            }
        }
    }

    /**
     * @param message a received message
     * @param metadata the metadata it carries
     * @return the metadata, with the trace context of the message's properties when they carry one
     * @throws JMSException when a property cannot be read
     */
    public static Metadata readTraceContext(Message message, Metadata metadata) throws JMSException {
        String parent = message.getStringProperty(TRACE_PARENT);
        if (parent == null || parent.equals(metadata.asMap().get(TRACE_PARENT))) {
            return metadata;
        }
        Metadata traced = metadata.with(TRACE_PARENT, parent).without(TRACE_STATE);
        String state = message.getStringProperty(TRACE_STATE);
        return state == null ? traced : traced.with(TRACE_STATE, state);
    }

    /**
     * @param metadata metadata
     * @return its JSON object
     */
    public static String writeMetadata(Metadata metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return "{}";
        }
        JsonObjectBuilder builder = JSON.createObjectBuilder();
        metadata.asMap().forEach(builder::add);
        return builder.build().toString();
    }

    /**
     * @param json a JSON object of strings, or {@code null}
     * @return the metadata
     * @throws IllegalArgumentException when the JSON is not an object of strings
     */
    public static Metadata readMetadata(String json) {
        if (json == null || json.isBlank()) {
            return Metadata.empty();
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, String> entries = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                if (!(entry.getValue() instanceof JsonString value)) {
                    throw new IllegalArgumentException("metadata entry '" + entry.getKey() + "' is not a string");
                }
                entries.put(entry.getKey(), value.getString());
            }
            return Metadata.of(entries);
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("metadata is not a JSON object of strings: " + e.getMessage(), e);
        }
    }
}
