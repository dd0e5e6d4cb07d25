package io.recq.jms.reply;

import java.util.logging.Logger;

import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

import io.recq.cdi.runtime.RemoteFailures;
import io.recq.cdi.telemetry.Telemetry;
import io.recq.jms.InboundRequest;
import io.recq.jms.MessageFormat;
import io.recq.jms.Producers;

/**
 * Writes replies on the consuming node: a {@link TextMessage} to the request's JMSReplyTo, with
 * JMSCorrelationID = the request's message id, expiring at the request's deadline. A request without a
 * reply-to, or whose caller has already given up, gets no reply.
 */
public final class Replies {

    private static final Logger LOG = Logger.getLogger(Replies.class.getName());

    private Replies() {
    }

    /**
     * @param telemetry reports the reply's span
     * @param context the consuming context (enlisted in the consuming transaction, for commands)
     * @param request where and under which id to reply
     * @param payloadName the result's logical name, or {@code null}
     * @param json the result's JSON, or {@code null}
     */
    public static void success(Telemetry telemetry, JMSContext context, InboundRequest.Envelope request,
            String payloadName, String json) {
        success(telemetry, context, request, payloadName, null, json);
    }

    /**
     * @param telemetry reports the reply's span
     * @param context the consuming context (enlisted in the consuming transaction, for commands)
     * @param request where and under which id to reply
     * @param payloadName the result's logical name, or {@code null}
     * @param payloadClass the result's class, or {@code null}
     * @param json the result's JSON, or {@code null}
     */
    public static void success(Telemetry telemetry, JMSContext context, InboundRequest.Envelope request,
            String payloadName, String payloadClass, String json) {
        if (!wanted(request)) {
            return;
        }
        TextMessage reply = context.createTextMessage(json);
        try {
            reply.setIntProperty(MessageFormat.FORMAT, MessageFormat.VERSION);
            reply.setStringProperty(MessageFormat.OUTCOME, MessageFormat.OUTCOME_OK);
            if (payloadName != null) {
                reply.setStringProperty(MessageFormat.PAYLOAD, payloadName);
            }
            if (payloadClass != null) {
                reply.setStringProperty(MessageFormat.PAYLOAD_CLASS, payloadClass);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot set reply properties: " + e, e);
        }
        send(telemetry, context, request, reply, payloadName);
    }

    /**
     * @param telemetry reports the reply's span
     * @param context the consuming context
     * @param request where and under which id to reply
     * @param failure what the caller is to receive: its class name, message and code travel
     */
    public static void failure(Telemetry telemetry, JMSContext context, InboundRequest.Envelope request,
            Throwable failure) {
        if (!wanted(request)) {
            return;
        }
        RemoteFailures.Description description = RemoteFailures.describe(failure);
        TextMessage reply = context.createTextMessage(description.message());
        try {
            reply.setIntProperty(MessageFormat.FORMAT, MessageFormat.VERSION);
            reply.setStringProperty(MessageFormat.OUTCOME, MessageFormat.OUTCOME_FAILED);
            reply.setStringProperty(MessageFormat.ERROR_CLASS, description.className());
            if (description.code() != null) {
                reply.setStringProperty(MessageFormat.ERROR_CODE, description.code());
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot set reply properties: " + e, e);
        }
        send(telemetry, context, request, reply, null);
    }

    private static boolean wanted(InboundRequest.Envelope request) {
        if (request.replyTo() == null || request.messageId() == null) {
            return false;
        }
        if (request.expired(System.currentTimeMillis())) {
            LOG.fine(() -> "No reply to " + request.messageId() + ": its caller stopped waiting");
            return false;
        }
        return true;
    }

    private static void send(Telemetry telemetry, JMSContext context, InboundRequest.Envelope request,
            TextMessage reply, String resultName) {
        Telemetry.Publication span = telemetry.reply(request.traceParent(), request.traceState(), resultName);
        try {
            send(context, request, reply, span);
            span.end(null);
        } catch (RuntimeException e) {
            span.end(e);
            throw e;
        }
    }

    private static void send(JMSContext context, InboundRequest.Envelope request, TextMessage reply,
            Telemetry.Publication span) {
        try {
            reply.setJMSCorrelationID(request.messageId());
            span.inject((key, value) -> {
                try {
                    reply.setStringProperty(key, value);
                } catch (JMSException e) {
                    throw new IllegalStateException("cannot set the reply's " + key + ": " + e, e);
                }
            });
        } catch (JMSException e) {
            throw new IllegalStateException("cannot set the reply's correlation id: " + e, e);
        }
        long timeToLive = 0;
        if (request.deadline() > 0) {
            timeToLive = Math.max(1, request.deadline() - System.currentTimeMillis());
        }
        try {
            Producers.of(context, DeliveryMode.NON_PERSISTENT, timeToLive, 0).send(request.replyTo(), reply);
        } catch (InvalidDestinationRuntimeException e) {
            // the caller's node is gone together with its reply queue: nobody waits for this reply
            LOG.fine(() -> "No reply to " + request.messageId() + ": its reply destination is gone (" + e + ")");
        }
    }
}
