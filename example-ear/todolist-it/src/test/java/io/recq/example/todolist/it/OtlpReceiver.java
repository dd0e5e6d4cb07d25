package io.recq.example.todolist.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * An OpenTelemetry collector's receiving end, as small as a test needs: OTLP over HTTP with protobuf bodies
 * ({@code otel.exporter.otlp.protocol=http/protobuf}), on {@code /v1/traces} and {@code /v1/metrics}. It keeps
 * every span and every data point it receives.
 */
final class OtlpReceiver implements AutoCloseable {

    /**
     * A received span.
     *
     * @param service the exporting resource's {@code service.name}
     * @param traceId the trace id, hex
     * @param spanId the span id, hex
     * @param parentSpanId the parent span's id, hex, empty for a root
     * @param name the span's name
     * @param kind its kind ({@code SPAN_KIND_PRODUCER}...)
     * @param attributes its attributes, as strings
     * @param error whether its status is an error
     * @param statusMessage the status message
     */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
            Map<String, String> attributes, boolean error, String statusMessage) {

        String attribute(String key) {
            return attributes.get(key);
        }

        @Override
        public String toString() {
            return name + " [" + service + ", " + kind + (error ? ", ERROR " + statusMessage : "") + "] "
                    + spanId + " <- " + parentSpanId + " " + attributes;
        }
    }

    /**
     * A received data point.
     *
     * @param service the exporting resource's {@code service.name}
     * @param metric the metric's name
     * @param unit its unit
     * @param attributes the point's attributes, as strings
     * @param value a gauge's or sum's value, or a histogram's sum
     * @param count a histogram's count, 0 for other metrics
     * @param timeNanos when it was observed
     */
    record DataPoint(String service, String metric, String unit, Map<String, String> attributes, double value,
            long count, long timeNanos) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<DataPoint> points = new CopyOnWriteArrayList<>();

    /**
     * @param port the port to listen on (127.0.0.1)
     * @throws IOException when it is taken
     */
    OtlpReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/v1/traces", this::traces);
        server.createContext("/v1/metrics", this::metrics);
        server.start();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<DataPoint> points(String metric) {
        return points.stream().filter(p -> p.metric().equals(metric)).toList();
    }

    private void traces(HttpExchange exchange) throws IOException {
        try (exchange) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body(exchange));
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = strings(resource.getResource().getAttributesList()).get("service.name");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                        spans.add(new ReceivedSpan(service, hex(span.getTraceId().toByteArray()),
                                hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()),
                                span.getName(), span.getKind().name(), strings(span.getAttributesList()),
                                span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR,
                                span.getStatus().getMessage()));
                    }
                }
            }
            answer(exchange, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        try (exchange) {
            ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body(exchange));
            for (ResourceMetrics resource : request.getResourceMetricsList()) {
                String service = strings(resource.getResource().getAttributesList()).get("service.name");
                for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                    for (Metric metric : scope.getMetricsList()) {
                        List<NumberDataPoint> numbers = new ArrayList<>(metric.getGauge().getDataPointsList());
                        numbers.addAll(metric.getSum().getDataPointsList());
                        for (NumberDataPoint point : numbers) {
                            double value = point.hasAsDouble() ? point.getAsDouble() : point.getAsInt();
                            points.add(new DataPoint(service, metric.getName(), metric.getUnit(),
                                    strings(point.getAttributesList()), value, 0, point.getTimeUnixNano()));
                        }
                        for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                            points.add(new DataPoint(service, metric.getName(), metric.getUnit(),
                                    strings(point.getAttributesList()), point.getSum(), point.getCount(),
                                    point.getTimeUnixNano()));
                        }
                    }
                }
            }
            answer(exchange, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        return in.readAllBytes();
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> strings(List<KeyValue> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue attribute : attributes) {
            AnyValue value = attribute.getValue();
            String text = switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> String.valueOf(value.getIntValue());
                case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
                case BOOL_VALUE -> String.valueOf(value.getBoolValue());
                default -> value.toString();
            };
            values.put(attribute.getKey(), text);
        }
        return values;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
