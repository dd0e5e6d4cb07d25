package io.recq.cdi.telemetry;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.recq.api.Metadata;

/**
 * What RECQ reports of its work: a span for every send, handle, publish and reply, and the metrics of its
 * handlers, gateways and consumers. {@link RecqTelemetry} gives the deployment's: {@link #OFF} unless the
 * server provides OpenTelemetry (MicroProfile Telemetry) and the deployment enables it
 * ({@code otel.sdk.disabled=false}).
 *
 * <p>The trace context travels in the metadata of every message under the W3C keys ({@code traceparent},
 * {@code tracestate}), so that it reaches the stored events and, through the outbox, the commands a saga sends;
 * the JMS transport also carries it in message properties of the same names.
 *
 * <p>Off, every call returns a shared object that does nothing: no allocation, no lookup.
 */
public interface Telemetry {

    /** Reports nothing. */
    Telemetry OFF = new Off();

    /** The kind of message a span or measurement is about ({@code recq.message.kind}). */
    enum Kind {
        /** A command. */
        COMMAND("command"),
        /** A query. */
        QUERY("query"),
        /** An event. */
        EVENT("event");

        private final String value;

        Kind(String value) {
            this.value = value;
        }

        /**
         * @return the attribute value
         */
        public String value() {
            return value;
        }
    }

    /**
     * @return whether anything is reported
     */
    boolean enabled();

    /**
     * Starts the span of a command or query a gateway sends, a child of the caller's current span. It ends when
     * {@link Request#completed} is called with the outcome.
     *
     * @param kind command or query
     * @param payloadName the payload's logical name
     * @param service the service it is sent to
     * @param routingKey the aggregate id or lock id, or {@code null}
     * @param messageId the message's id
     * @return the request
     */
    Request request(Kind kind, String payloadName, String service, String routingKey, String messageId);

    /**
     * Starts the span of one handling, a child of the span whose context the metadata carries, and makes it the
     * current span of this thread until {@link Handling#close}: what the handler sends becomes its child.
     *
     * @param kind what is handled
     * @param payloadName the payload's logical name
     * @param component the handling component's name
     * @param routingKey the aggregate id (or lock id), or {@code null}
     * @param messageId the message's id (for events, the global sequence)
     * @param metadata the handled message's metadata
     * @param consumer the event consumer's id, or {@code null} for commands and queries
     * @return the handling
     */
    Handling handle(Kind kind, String payloadName, String component, String routingKey, String messageId,
            Metadata metadata, String consumer);

    /**
     * Starts the span of an event stored by the current handling; it ends with {@link Publication#end}.
     *
     * @param payloadName the event's logical name
     * @param aggregateId the aggregate's id, or {@code null}
     * @return the publication
     */
    Publication publish(String payloadName, String aggregateId);

    /**
     * Starts the span of a reply, a child of the request's span.
     *
     * @param traceParent the request's {@code traceparent}, or {@code null}
     * @param traceState the request's {@code tracestate}, or {@code null}
     * @param resultName the result's logical name, or {@code null}
     * @return the publication
     */
    Publication reply(String traceParent, String traceState, String resultName);

    /**
     * Registers gauges observed together by one callback, each time metrics are collected.
     *
     * @param gauges the gauges
     * @param callback records their values
     * @return closes the registration
     */
    AutoCloseable observe(List<Gauge> gauges, Consumer<Recorder> callback);

    /** A command or query on its way: its span, in-flight count and round-trip duration. */
    interface Request {

        /**
         * @param metadata the message's metadata
         * @return the metadata with this span's trace context
         */
        Metadata inject(Metadata metadata);

        /**
         * Ends the span.
         *
         * @param failure why the request failed, or {@code null}
         */
        void completed(Throwable failure);

        /**
         * Sends the request and ends the span when its reply (or failure) arrives.
         *
         * @param send sends it, with the metadata {@link #inject} gave
         * @return the reply
         */
        default CompletableFuture<Object> follow(Supplier<CompletableFuture<Object>> send) {
            CompletableFuture<Object> result;
            try {
                result = send.get();
            } catch (RuntimeException e) {
                completed(e);
                throw e;
            }
            result.whenComplete((value, failure) -> completed(failure));
            return result;
        }
    }

    /** One handling: its span, current on the handling thread, and its duration. */
    interface Handling extends AutoCloseable {

        /**
         * @param failure why the handler failed
         */
        void failed(Throwable failure);

        /**
         * Ends the span and records the duration with the outcome.
         */
        @Override
        void close();
    }

    /** A message this node produces (an event, a reply). */
    interface Publication {

        /**
         * @param metadata the message's metadata
         * @return the metadata with this span's trace context
         */
        Metadata inject(Metadata metadata);

        /**
         * @param carrier receives the trace context's keys and values (message properties)
         */
        void inject(BiConsumer<String, String> carrier);

        /**
         * Ends the span.
         *
         * @param failure why the message was not produced, or {@code null}
         */
        void end(Throwable failure);
    }

    /**
     * A gauge.
     *
     * @param name its name
     * @param unit its unit (UCUM)
     * @param description what it measures
     */
    record Gauge(String name, String unit, String description) {
    }

    /** Records observed values. */
    interface Recorder {

        /**
         * @param gauge the gauge's name
         * @param value the value
         * @param attributes the attributes, as key, value, key, value...
         */
        void record(String gauge, double value, String... attributes);
    }

    /** Reports nothing. */
    final class Off implements Telemetry, Request, Handling, Publication {

        private Off() {
        }

        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Request request(Kind kind, String payloadName, String service, String routingKey, String messageId) {
            return this;
        }

        @Override
        public Handling handle(Kind kind, String payloadName, String component, String routingKey,
                String messageId, Metadata metadata, String consumer) {
            return this;
        }

        @Override
        public Publication publish(String payloadName, String aggregateId) {
            return this;
        }

        @Override
        public Publication reply(String traceParent, String traceState, String resultName) {
            return this;
        }

        @Override
        public AutoCloseable observe(List<Gauge> gauges, Consumer<Recorder> callback) {
            return () -> {
            };
        }

        @Override
        public Metadata inject(Metadata metadata) {
            return metadata;
        }

        @Override
        public void inject(BiConsumer<String, String> carrier) {
            // nothing
        }

        @Override
        public void completed(Throwable failure) {
            // nothing
        }

        @Override
        public void failed(Throwable failure) {
            // nothing
        }

        @Override
        public void close() {
            // nothing
        }

        @Override
        public void end(Throwable failure) {
            // nothing
        }
    }
}
