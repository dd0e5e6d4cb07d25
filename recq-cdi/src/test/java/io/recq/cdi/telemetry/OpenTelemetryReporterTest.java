package io.recq.cdi.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import io.recq.api.Metadata;
import io.recq.api.RequestTimeoutException;

/**
 * What RECQ reports through a real OpenTelemetry SDK with in-memory exporters: parent links carried by the
 * metadata, outcomes, error status, and the gateway's measurements.
 */
class OpenTelemetryReporterTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final Telemetry telemetry = OpenTelemetryReporter.of(sdk, "billing", "test");

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void linksTheHandlingToTheSendThroughTheMetadataAndWhatItSendsToTheHandling() {
        // given a command sent with the trace context in its metadata
        Telemetry.Request send = telemetry.request(Telemetry.Kind.COMMAND, "Charge", "payments", "acc-1", "m-1");
        Metadata sent = send.inject(Metadata.of(Metadata.CORRELATION_ID, "c-1"));
        assertThat(sent.get(Metadata.TRACE_PARENT)).isPresent();
        assertThat(sent.get(Metadata.CORRELATION_ID)).contains("c-1");

        // when another node handles it, and its handler stores an event and sends a query
        Metadata event;
        Telemetry.Request query;
        try (Telemetry.Handling handling = telemetry.handle(Telemetry.Kind.COMMAND, "Charge", "AccountAggregate",
                "acc-1", "m-1", sent, null)) {
            Telemetry.Publication publication = telemetry.publish("Charged", "acc-1");
            event = publication.inject(sent);
            publication.end(null);
            query = telemetry.request(Telemetry.Kind.QUERY, "FindRate", "rates", null, "m-2");
            query.completed(null);
        }
        send.completed(null);

        // then
        SpanData sendSpan = span("send Charge");
        SpanData handleSpan = span("handle Charge");
        SpanData publishSpan = span("publish Charged");
        assertThat(sendSpan.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(handleSpan.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(handleSpan.getParentSpanId()).isEqualTo(sendSpan.getSpanId());
        assertThat(handleSpan.getTraceId()).isEqualTo(sendSpan.getTraceId());
        assertThat(publishSpan.getParentSpanId()).isEqualTo(handleSpan.getSpanId());
        assertThat(span("send FindRate").getParentSpanId()).isEqualTo(handleSpan.getSpanId());
        assertThat(event.get(Metadata.TRACE_PARENT)).contains("00-" + publishSpan.getTraceId() + "-"
                + publishSpan.getSpanId() + "-01");
        assertThat(handleSpan.getAttributes().get(AttributeKey.stringKey("recq.component")))
                .isEqualTo("AccountAggregate");
        assertThat(handleSpan.getAttributes().get(AttributeKey.stringKey("recq.aggregate.id"))).isEqualTo("acc-1");
        assertThat(handleSpan.getAttributes().get(AttributeKey.stringKey("recq.service"))).isEqualTo("billing");
        assertThat(handleSpan.getAttributes().get(AttributeKey.stringKey("messaging.message.conversation_id")))
                .isEqualTo("c-1");
        assertThat(sendSpan.getAttributes().get(AttributeKey.stringKey("recq.service"))).isEqualTo("payments");
        assertThat(sendSpan.getAttributes().get(AttributeKey.stringKey("recq.outcome"))).isEqualTo("ok");

        // and the event's consumer, later, is a child of the stored event
        try (Telemetry.Handling projected = telemetry.handle(Telemetry.Kind.EVENT, "Charged", "LedgerProjector",
                "acc-1", "42", event, "Projector:LedgerProjector:v1:*")) {
            // handled
        }
        assertThat(span("handle Charged").getParentSpanId()).isEqualTo(publishSpan.getSpanId());
    }

    @Test
    void marksAFailedHandlingAsAnErrorAndMeasuresItsOutcome() {
        // when
        try (Telemetry.Handling handling = telemetry.handle(Telemetry.Kind.COMMAND, "Charge", "AccountAggregate",
                "acc-1", "m-1", Metadata.empty(), null)) {
            handling.failed(new IllegalStateException("insufficient funds"));
        }

        // then
        SpanData failed = span("handle Charge");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getStatus().getDescription()).isEqualTo("insufficient funds");
        assertThat(failed.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("recq.outcome"))).isEqualTo("failed");
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo(IllegalStateException.class.getName());
        MetricData duration = metric("messaging.process.duration");
        assertThat(duration.getUnit()).isEqualTo("s");
        assertThat(duration.getHistogramData().getPoints()).singleElement().satisfies(point -> {
            assertThat(point.getCount()).isEqualTo(1);
            assertThat(point.getAttributes().get(AttributeKey.stringKey("recq.outcome"))).isEqualTo("failed");
            assertThat(point.getAttributes().get(AttributeKey.stringKey("recq.component")))
                    .isEqualTo("AccountAggregate");
        });
    }

    @Test
    void countsRequestsInFlightAndTimeouts() {
        // given two requests on their way
        CompletableFuture<Object> answered = new CompletableFuture<>();
        CompletableFuture<Object> unanswered = new CompletableFuture<>();
        telemetry.request(Telemetry.Kind.QUERY, "FindRate", "rates", null, "m-1").follow(() -> answered);
        telemetry.request(Telemetry.Kind.QUERY, "FindRate", "rates", null, "m-2").follow(() -> unanswered);
        assertThat(sum("recq.gateway.requests.active")).isEqualTo(2);

        // when one is answered and the other times out
        answered.complete("1.5");
        unanswered.completeExceptionally(new CompletionException(new RequestTimeoutException("no reply in 10 s")));

        // then
        Map<String, Long> sums = sums();
        assertThat(sums).containsEntry("recq.gateway.requests.active", 0L)
                .containsEntry("recq.gateway.timeouts", 1L);
        assertThat(spans.getFinishedSpanItems()).extracting(s -> s.getAttributes().get(
                AttributeKey.stringKey("recq.outcome"))).containsExactlyInAnyOrder("ok", "timeout");
    }

    @Test
    void observesGaugesAtEachCollection() throws Exception {
        // given
        int[] lag = {7};
        AutoCloseable registration = telemetry.observe(List.of(new Telemetry.Gauge("recq.consumer.lag", "{event}",
                "lag")), recorder -> recorder.record("recq.consumer.lag", lag[0], "recq.consumer", "c-1"));

        // then each collection observes the value of that moment
        assertThat(gauge("recq.consumer.lag")).isEqualTo(7.0);
        lag[0] = 0;
        assertThat(gauge("recq.consumer.lag")).isEqualTo(0.0);
        registration.close();
    }

    private SpanData span(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " among " + spans.getFinishedSpanItems()));
    }

    private MetricData metric(String name) {
        return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    private long sum(String name) {
        return metric(name).getLongSumData().getPoints().stream().mapToLong(p -> p.getValue()).sum();
    }

    private Map<String, Long> sums() {
        Map<String, Long> sums = new java.util.HashMap<>();
        for (MetricData data : metrics.collectAllMetrics()) {
            if (data.getName().startsWith("recq.gateway.")) {
                sums.put(data.getName(), data.getLongSumData().getPoints().stream().mapToLong(p -> p.getValue())
                        .sum());
            }
        }
        return sums;
    }

    private double gauge(String name) {
        return metric(name).getDoubleGaugeData().getPoints().iterator().next().getValue();
    }
}
