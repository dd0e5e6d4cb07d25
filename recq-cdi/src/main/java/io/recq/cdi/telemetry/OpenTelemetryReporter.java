package io.recq.cdi.telemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

import io.recq.api.Metadata;
import io.recq.api.RequestTimeoutException;

/**
 * {@link Telemetry} through the OpenTelemetry instance the server gives the deployment (MicroProfile
 * Telemetry): its tracer, meter and propagators, so that {@code otel.*} configures sampling, export and
 * propagation. The only class of RECQ that links to the OpenTelemetry API; it is loaded only when the server
 * provides it.
 *
 * <p>Names follow the OpenTelemetry semantic conventions for messaging: spans carry
 * {@code messaging.system=recq}, {@code messaging.operation.name} ({@code send}, {@code handle},
 * {@code publish}, {@code reply}) and {@code messaging.operation.type} ({@code send}, {@code process}); handler
 * durations are {@code messaging.process.duration}, a gateway's round trips
 * {@code messaging.client.operation.duration}, in seconds. RECQ's own attributes are {@code recq.*}.
 */
final class OpenTelemetryReporter implements Telemetry {

    private static final Logger LOG = Logger.getLogger(OpenTelemetryReporter.class.getName());

    static final String INSTRUMENTATION = "io.recq";
    static final String SYSTEM = "recq";

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("messaging.message.conversation_id");
    static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> KIND = AttributeKey.stringKey("recq.message.kind");
    static final AttributeKey<String> TYPE = AttributeKey.stringKey("recq.message.type");
    static final AttributeKey<String> AGGREGATE_ID = AttributeKey.stringKey("recq.aggregate.id");
    static final AttributeKey<String> SERVICE = AttributeKey.stringKey("recq.service");
    static final AttributeKey<String> COMPONENT = AttributeKey.stringKey("recq.component");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("recq.outcome");

    /** The bucket boundaries the semantic conventions advise for messaging durations, in seconds. */
    private static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5,
            0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    private static final TextMapGetter<Metadata> METADATA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Metadata carrier) {
            return carrier.asMap().keySet();
        }

        @Override
        public String get(Metadata carrier, String key) {
            return carrier == null ? null : carrier.asMap().get(key);
        }
    };

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final Meter meter;
    private final TextMapPropagator propagator;
    private final String service;
    private final DoubleHistogram processDuration;
    private final DoubleHistogram requestDuration;
    private final LongUpDownCounter requestsActive;
    private final LongCounter timeouts;
    /** The attributes of measurements, made once per combination: a few per message type and component. */
    private final Map<MetricKey, Attributes> metricAttributes = new ConcurrentHashMap<>();
    /** Span names by operation and message type, made once each. */
    private final Map<String, String> handleNames = new ConcurrentHashMap<>();
    private final Map<String, String> sendNames = new ConcurrentHashMap<>();
    private final Map<String, String> publishNames = new ConcurrentHashMap<>();

    private OpenTelemetryReporter(OpenTelemetry openTelemetry, String service, String version) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION, version);
        this.meter = openTelemetry.meterBuilder(INSTRUMENTATION).setInstrumentationVersion(version).build();
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.service = service;
        this.processDuration = meter.histogramBuilder("messaging.process.duration").setUnit("s")
                .setDescription("How long RECQ handlers take, per component, message type and outcome")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        this.requestDuration = meter.histogramBuilder("messaging.client.operation.duration").setUnit("s")
                .setDescription("How long a command or query takes from the gateway to its reply")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        this.requestsActive = meter.upDownCounterBuilder("recq.gateway.requests.active").setUnit("{request}")
                .setDescription("Commands and queries sent through the gateways that wait for their reply").build();
        this.timeouts = meter.counterBuilder("recq.gateway.timeouts").setUnit("{request}")
                .setDescription("Commands and queries whose caller stopped waiting for the reply").build();
    }

    /**
     * @param beans the deployment's bean manager
     * @param service this deployment's service name
     * @param version RECQ's version, or {@code null}
     * @return the telemetry of the server's OpenTelemetry bean, or {@link Telemetry#OFF} when there is none
     */
    static Telemetry create(BeanManager beans, String service, String version) {
        Instance<OpenTelemetry> instances = beans.createInstance().select(OpenTelemetry.class);
        if (!instances.isResolvable()) {
            LOG.warning(() -> "RECQ reports no telemetry for " + service + ": otel.sdk.disabled=false, but the "
                    + "server gives the deployment no OpenTelemetry bean. Fix: add the microprofile-telemetry "
                    + "subsystem to the server");
            return Telemetry.OFF;
        }
        return of(instances.get(), service, version);
    }

    /**
     * @param openTelemetry the OpenTelemetry to report through
     * @param service this deployment's service name
     * @param version RECQ's version, or {@code null}
     * @return the telemetry
     */
    static Telemetry of(OpenTelemetry openTelemetry, String service, String version) {
        return new OpenTelemetryReporter(openTelemetry, service, version);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Request request(Kind kind, String payloadName, String target, String routingKey, String messageId) {
        Context parent = Context.current();
        SpanBuilder builder = tracer.spanBuilder(name(sendNames, "send ", payloadName)).setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM)
                .setAttribute(OPERATION_NAME, "send")
                .setAttribute(OPERATION_TYPE, "send")
                .setAttribute(KIND, kind.value())
                .setAttribute(TYPE, payloadName)
                .setAttribute(SERVICE, target)
                .setAttribute(MESSAGE_ID, messageId);
        if (routingKey != null && kind == Kind.COMMAND) {
            builder.setAttribute(AGGREGATE_ID, routingKey);
        }
        Span span = builder.startSpan();
        Attributes attributes = metricAttributes(new MetricKey(false, kind, payloadName, target, null, null));
        requestsActive.add(1, attributes);
        return new TracedRequest(span, parent.with(span), kind, payloadName, target, attributes, System.nanoTime());
    }

    @Override
    public Handling handle(Kind kind, String payloadName, String component, String routingKey, String messageId,
            Metadata metadata, String consumer) {
        Context parent = metadata == null ? Context.current()
                : propagator.extract(Context.current(), metadata, METADATA);
        SpanBuilder builder = tracer.spanBuilder(name(handleNames, "handle ", payloadName)).setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM)
                .setAttribute(OPERATION_NAME, "handle")
                .setAttribute(OPERATION_TYPE, "process")
                .setAttribute(KIND, kind.value())
                .setAttribute(TYPE, payloadName)
                .setAttribute(SERVICE, service)
                .setAttribute(MESSAGE_ID, messageId);
        if (component != null) {
            builder.setAttribute(COMPONENT, component);
        }
        if (routingKey != null) {
            builder.setAttribute(AGGREGATE_ID, routingKey);
        }
        if (consumer != null) {
            builder.setAttribute(CONSUMER_GROUP, consumer);
        }
        if (metadata != null) {
            metadata.get(Metadata.CORRELATION_ID).ifPresent(id -> builder.setAttribute(CONVERSATION_ID, id));
        }
        Span span = builder.startSpan();
        Scope scope = span.makeCurrent();
        return new TracedHandling(span, scope, kind, payloadName, component, System.nanoTime());
    }

    @Override
    public Publication publish(String payloadName, String aggregateId) {
        SpanBuilder builder = tracer.spanBuilder(name(publishNames, "publish ", payloadName)).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM)
                .setAttribute(OPERATION_NAME, "publish")
                .setAttribute(OPERATION_TYPE, "send")
                .setAttribute(KIND, Kind.EVENT.value())
                .setAttribute(TYPE, payloadName)
                .setAttribute(SERVICE, service);
        if (aggregateId != null) {
            builder.setAttribute(AGGREGATE_ID, aggregateId);
        }
        Span span = builder.startSpan();
        return new TracedPublication(span, Context.current().with(span));
    }

    @Override
    public Publication reply(String traceParent, String traceState, String resultName) {
        Context parent = Context.current();
        if (traceParent != null) {
            Map<String, String> carrier = new HashMap<>(4);
            carrier.put(Metadata.TRACE_PARENT, traceParent);
            if (traceState != null) {
                carrier.put(Metadata.TRACE_STATE, traceState);
            }
            parent = propagator.extract(Context.root(), carrier, MAP);
        }
        SpanBuilder builder = tracer.spanBuilder("reply").setSpanKind(SpanKind.PRODUCER).setParent(parent)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM)
                .setAttribute(OPERATION_NAME, "reply")
                .setAttribute(OPERATION_TYPE, "send")
                .setAttribute(SERVICE, service);
        if (resultName != null) {
            builder.setAttribute(TYPE, resultName);
        }
        Span span = builder.startSpan();
        return new TracedPublication(span, parent.with(span));
    }

    @Override
    public AutoCloseable observe(List<Gauge> gauges, Consumer<Recorder> callback) {
        if (gauges.isEmpty()) {
            return () -> {
            };
        }
        Map<String, ObservableDoubleMeasurement> measurements = new LinkedHashMap<>();
        for (Gauge gauge : gauges) {
            measurements.put(gauge.name(), meter.gaugeBuilder(gauge.name()).setUnit(gauge.unit())
                    .setDescription(gauge.description()).buildObserver());
        }
        List<ObservableDoubleMeasurement> all = new ArrayList<>(measurements.values());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Recorder recorder = (name, value, attributes) -> {
            ObservableDoubleMeasurement measurement = measurements.get(name);
            if (measurement == null) {
                throw new IllegalArgumentException("no gauge " + name + " was registered");
            }
            measurement.record(value, attributes(attributes));
        };
        BatchCallback registration = meter.batchCallback(() -> {
            // the SDK's collecting thread: the deployment's classes and resources are reached through its loader
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                callback.accept(recorder);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, e, () -> "RECQ could not observe " + measurements.keySet() + " now");
            } finally {
                thread.setContextClassLoader(previous);
            }
        }, all.get(0), all.subList(1, all.size()).toArray(new ObservableDoubleMeasurement[0]));
        return registration::close;
    }

    private static String name(Map<String, String> names, String operation, String payloadName) {
        String known = names.get(payloadName);
        if (known == null) {
            known = names.computeIfAbsent(payloadName, type -> operation + type);
        }
        return known;
    }

    private Attributes metricAttributes(MetricKey key) {
        Attributes known = metricAttributes.get(key);
        if (known == null) {
            known = metricAttributes.computeIfAbsent(key, MetricKey::attributes);
        }
        return known;
    }

    /**
     * What a measurement is about: a gateway's request (to a service) or a handling (by a component).
     *
     * @param handling whether it is a handling
     * @param kind the message's kind
     * @param type the message's type
     * @param owner the target service of a request; the component of a handling, or {@code null}
     * @param outcome ok, failed, timeout; {@code null} for the in-flight count
     * @param errorType the failure's class, or {@code null}
     */
    private record MetricKey(boolean handling, Kind kind, String type, String owner, String outcome,
            String errorType) {

        Attributes attributes() {
            AttributesBuilder builder = Attributes.builder().put(KIND, kind.value()).put(TYPE, type);
            if (handling) {
                builder.put(MESSAGING_SYSTEM, SYSTEM).put(OPERATION_NAME, "handle");
                if (owner != null) {
                    builder.put(COMPONENT, owner);
                }
            } else if (owner != null) {
                builder.put(SERVICE, owner);
            }
            if (outcome != null) {
                builder.put(OUTCOME, outcome);
            }
            if (errorType != null) {
                builder.put(ERROR_TYPE, errorType);
            }
            return builder.build();
        }
    }

    private static Attributes attributes(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come as key, value pairs");
        }
        AttributesBuilder builder = Attributes.builder();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                builder.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return builder.build();
    }

    private Metadata inject(Context context, Metadata metadata) {
        Metadata[] carrier = {metadata == null ? Metadata.empty() : metadata};
        propagator.inject(context, carrier, (c, key, value) -> c[0] = c[0].with(key, value));
        return carrier[0];
    }

    private static void fail(Span span, Throwable failure) {
        Throwable cause = unwrap(failure);
        span.setStatus(StatusCode.ERROR, String.valueOf(cause.getMessage()));
        span.recordException(cause);
        span.setAttribute(ERROR_TYPE, cause.getClass().getName());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private final class TracedRequest implements Request {

        private final Span span;
        private final Context context;
        private final Kind kind;
        private final String payloadName;
        private final String target;
        private final Attributes attributes;
        private final long start;

        TracedRequest(Span span, Context context, Kind kind, String payloadName, String target,
                Attributes attributes, long start) {
            this.span = span;
            this.context = context;
            this.kind = kind;
            this.payloadName = payloadName;
            this.target = target;
            this.attributes = attributes;
            this.start = start;
        }

        @Override
        public Metadata inject(Metadata metadata) {
            return OpenTelemetryReporter.this.inject(context, metadata);
        }

        @Override
        public void completed(Throwable failure) {
            requestsActive.add(-1, attributes);
            String outcome = "ok";
            String errorType = null;
            if (failure != null) {
                Throwable cause = unwrap(failure);
                outcome = cause instanceof RequestTimeoutException ? "timeout" : "failed";
                errorType = cause.getClass().getName();
                fail(span, cause);
                if (cause instanceof RequestTimeoutException) {
                    timeouts.add(1, attributes);
                }
            }
            span.setAttribute(OUTCOME, outcome);
            span.end();
            requestDuration.record(seconds(start),
                    metricAttributes(new MetricKey(false, kind, payloadName, target, outcome, errorType)));
        }
    }

    private final class TracedHandling implements Handling {

        private final Span span;
        private final Scope scope;
        private final Kind kind;
        private final String payloadName;
        private final String component;
        private final long start;
        private Throwable failure;

        TracedHandling(Span span, Scope scope, Kind kind, String payloadName, String component, long start) {
            this.span = span;
            this.scope = scope;
            this.kind = kind;
            this.payloadName = payloadName;
            this.component = component;
            this.start = start;
        }

        @Override
        public void failed(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public void close() {
            scope.close();
            String outcome = "ok";
            String errorType = null;
            if (failure != null) {
                Throwable cause = unwrap(failure);
                outcome = "failed";
                errorType = cause.getClass().getName();
                fail(span, cause);
            }
            span.setAttribute(OUTCOME, outcome);
            span.end();
            processDuration.record(seconds(start), metricAttributes(new MetricKey(true, kind, payloadName, component,
                    outcome, errorType)));
        }
    }

    private final class TracedPublication implements Publication {

        private final Span span;
        private final Context context;

        TracedPublication(Span span, Context context) {
            this.span = span;
            this.context = context;
        }

        @Override
        public Metadata inject(Metadata metadata) {
            return OpenTelemetryReporter.this.inject(context, metadata);
        }

        @Override
        public void inject(BiConsumer<String, String> carrier) {
            propagator.inject(context, carrier, BiConsumer::accept);
        }

        @Override
        public void end(Throwable failure) {
            if (failure != null) {
                span.setAttribute(OUTCOME, "failed");
                fail(span, failure);
            } else {
                span.setAttribute(OUTCOME, "ok");
            }
            span.end();
        }
    }
}
