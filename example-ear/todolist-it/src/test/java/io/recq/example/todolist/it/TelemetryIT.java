package io.recq.example.todolist.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.recq.example.todolist.it.Http.post;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.example.todolist.it.OtlpReceiver.DataPoint;
import io.recq.example.todolist.it.OtlpReceiver.ReceivedSpan;

/**
 * The TodoList system with OpenTelemetry on in every service, exporting to an OTLP receiver this test runs: the
 * story yields one trace per request that crosses the services, from the REST request through every command,
 * stored event, consumer and saga command; a refused command's spans are errors; the metrics count what the
 * handlers did and show a consumer's lag fall to 0.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TelemetryIT {

    /** Where the receiver listens; the deployments export there. */
    static final int OTLP_PORT = Integer.getInteger("recq.it.otlp-port", 14318);
    static final String PROBE = "telemetry-probe";
    static final String LAGGING_CONSUMER = "Projector:LaggingProjector:v1:*";
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    /** Started before the deployments (this class is initialised when Arquillian asks it for them). */
    private static final OtlpReceiver receiver = start();

    @Deployment(name = TodoListSystem.DOMAIN, order = 1, testable = false)
    static WebArchive domain() {
        return TodoListSystem.domain().addAsLibrary(telemetry(TodoListSystem.DOMAIN));
    }

    @Deployment(name = TodoListSystem.VIEWS, order = 2, testable = false)
    static WebArchive views() {
        return TodoListSystem.views().addAsLibrary(telemetry(TodoListSystem.VIEWS));
    }

    @Deployment(name = TodoListSystem.NOTIFICATIONS, order = 3, testable = false)
    static WebArchive notifications() {
        return TodoListSystem.notifications().addAsLibrary(telemetry(TodoListSystem.NOTIFICATIONS));
    }

    @Deployment(name = TodoListSystem.FRONT, order = 4, testable = false)
    static EnterpriseArchive front() {
        return TodoListSystem.front().addAsLibrary(telemetry(TodoListSystem.FRONT));
    }

    @Deployment(name = PROBE, order = 5, testable = false)
    static WebArchive probe() {
        return TodoListSystem.withServiceLibraries(PROBE, LaggingProjector.class).addAsLibrary(telemetry(PROBE));
    }

    /**
     * @return a library whose configuration turns OpenTelemetry on, exporting often to the receiver
     */
    static JavaArchive telemetry(String service) {
        String properties = String.join("\n",
                "config_ordinal=400",
                "otel.sdk.disabled=false",
                "otel.service.name=" + service,
                "otel.exporter.otlp.endpoint=http://127.0.0.1:" + OTLP_PORT,
                "otel.exporter.otlp.protocol=http/protobuf",
                "otel.metric.export.interval=500",
                "otel.bsp.schedule.delay=200",
                "otel.logs.exporter=none",
                "");
        return ShrinkWrap.create(JavaArchive.class, service + "-telemetry.jar")
                .addAsManifestResource(new StringAsset(properties), "microprofile-config.properties");
    }

    private static OtlpReceiver start() {
        try {
            OtlpReceiver started = new OtlpReceiver(OTLP_PORT);
            // open until the deployments are gone: they export what is left when they stop
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("the OTLP receiver cannot listen on port " + OTLP_PORT + " (set "
                    + "recq.it.otlp-port to a free one)", e);
        }
    }

    @Test
    void followsTheStoryAcrossTheServicesAndMeasuresIt() throws Exception {
        Http.Reply created = post("/lists", "{\"name\":\"Traced\"}", "alice");
        assertThat(created.status()).isEqualTo(201);
        String listId = (String) created.json().get("id");
        List<String> todos = new ArrayList<>();
        for (String text : List.of("Milk", "Bread", "Eggs", "Butter", "Jam")) {
            Http.Reply added = post("/lists/" + listId + "/todos", "{\"text\":\"" + text + "\"}", "alice");
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            todos.add((String) added.json().get("id"));
        }
        Http.Reply sixth = post("/lists/" + listId + "/todos", "{\"text\":\"Honey\"}", "alice");
        assertThat(sixth.status()).isEqualTo(409);
        for (String todoId : todos) {
            assertThat(post("/lists/" + listId + "/todos/" + todoId + "/check", "", "bob").status()).isEqualTo(204);
        }

        // the saga archives the list: its command's handling is in the same trace as the last check
        ReceivedSpan archive = await().atMost(EVENTUALLY).until(
                () -> find(s -> s.name().equals("handle ArchiveTodoList") && listId.equals(s.attribute(
                        "recq.aggregate.id"))), Optional::isPresent).orElseThrow();
        String traceId = archive.traceId();
        // spans arrive in batches from each service, a send span after its reply: wait for the whole tree
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            List<ReceivedSpan> spans = trace(traceId);
            assertThat(spans).extracting(TelemetryIT::nameAndComponent).contains("send CheckTodo",
                    "handle CheckTodo by TodoListAggregate", "publish TodoChecked",
                    "handle TodoChecked by TodoListProjector", "handle TodoChecked by ArchiveSaga",
                    "handle TodoChecked by AllCheckedObserver", "send ArchiveTodoList",
                    "handle ArchiveTodoList by TodoListAggregate", "publish TodoListArchived",
                    "handle TodoListArchived by ArchiveSaga", "handle TodoListArchived by TodoListProjector",
                    "send SendNotification", "handle SendNotification by NotificationService", "reply");
            assertThat(spans).as("spans whose parent has not arrived yet").noneMatch(s -> !s.parentSpanId().isEmpty()
                    && spans.stream().noneMatch(p -> p.spanId().equals(s.parentSpanId())));
        });
        List<ReceivedSpan> trace = trace(traceId);
        String printed = tree(trace);
        System.out.println("The trace of the last check:" + printed);

        ReceivedSpan send = one(trace, s -> s.name().equals("send CheckTodo"), printed);
        assertThat(send.service()).isEqualTo(TodoListSystem.FRONT);
        assertThat(send.kind()).isEqualTo("SPAN_KIND_PRODUCER");
        assertThat(send.attribute("recq.aggregate.id")).isEqualTo(listId);
        assertThat(send.attribute("recq.outcome")).isEqualTo("ok");
        // the REST request the invoker handled is the root
        ReceivedSpan request = parentOf(send, trace, printed);
        assertThat(request.kind()).as(printed).isEqualTo("SPAN_KIND_SERVER");
        assertThat(request.service()).isEqualTo(TodoListSystem.FRONT);

        ReceivedSpan handle = child(trace, send, "handle CheckTodo", printed);
        assertThat(handle.service()).isEqualTo(TodoListSystem.DOMAIN);
        assertThat(handle.kind()).isEqualTo("SPAN_KIND_CONSUMER");
        assertThat(handle.attribute("recq.component")).isEqualTo("TodoListAggregate");
        assertThat(handle.attribute("recq.service")).isEqualTo(TodoListSystem.DOMAIN);
        assertThat(handle.attribute("recq.aggregate.id")).isEqualTo(listId);
        assertThat(handle.attribute("recq.outcome")).isEqualTo("ok");
        assertThat(handle.error()).isFalse();
        assertThat(child(trace, send, "reply", printed).service()).isEqualTo(TodoListSystem.DOMAIN);

        // the stored event, read back from the store by each consumer, is the parent of their handling
        ReceivedSpan stored = child(trace, handle, "publish TodoChecked", printed);
        assertThat(stored.attribute("recq.message.type")).isEqualTo("TodoChecked");
        ReceivedSpan projected = childBy(trace, stored, "TodoListProjector", printed);
        assertThat(projected.service()).isEqualTo(TodoListSystem.VIEWS);
        assertThat(projected.attribute("messaging.consumer.group.name")).isEqualTo("Projector:TodoListProjector:v1:*");
        ReceivedSpan observed = childBy(trace, stored, "AllCheckedObserver", printed);
        assertThat(observed.service()).isEqualTo(TodoListSystem.NOTIFICATIONS);
        ReceivedSpan saga = childBy(trace, stored, "ArchiveSaga", printed);
        assertThat(saga.service()).isEqualTo(TodoListSystem.DOMAIN);

        // the saga's command (through the outbox) and what it stores
        ReceivedSpan sagaSend = child(trace, saga, "send ArchiveTodoList", printed);
        assertThat(archive.parentSpanId()).isEqualTo(sagaSend.spanId());
        ReceivedSpan archived = child(trace, archive, "publish TodoListArchived", printed);
        assertThat(childBy(trace, archived, "TodoListProjector", printed).service()).isEqualTo(TodoListSystem.VIEWS);
        // the observer's command to the notifications service
        ReceivedSpan notify = child(trace, observed, "send SendNotification", printed);
        assertThat(child(trace, notify, "handle SendNotification", printed).attribute("recq.component"))
                .isEqualTo("NotificationService");

        // the refused sixth todo: the handler's span and the sender's are errors
        ReceivedSpan refused = find(s -> s.name().equals("handle AddTodo") && s.error()
                && listId.equals(s.attribute("recq.aggregate.id"))).orElseThrow(
                        () -> new AssertionError("no failed handling of AddTodo among " + receiver.spans()));
        assertThat(refused.attribute("recq.outcome")).isEqualTo("failed");
        assertThat(refused.attribute("error.type")).contains("TodoRuleViolation");
        assertThat(refused.statusMessage()).isNotBlank();
        ReceivedSpan refusedSend = receiver.spans().stream().filter(s -> s.spanId().equals(refused.parentSpanId()))
                .findFirst().orElseThrow();
        assertThat(refusedSend.name()).isEqualTo("send AddTodo");
        assertThat(refusedSend.error()).isTrue();
        assertThat(refusedSend.attribute("recq.outcome")).isEqualTo("failed");

        // metrics: the handlers' counts and durations, and a consumer's lag that falls to 0 once caught up
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            Optional<DataPoint> projector = latest("messaging.process.duration",
                    p -> "TodoListProjector".equals(p.attributes().get("recq.component"))
                            && "ok".equals(p.attributes().get("recq.outcome"))
                            && "TodoChecked".equals(p.attributes().get("recq.message.type")));
            assertThat(projector).isPresent();
            assertThat(projector.get().count()).isGreaterThanOrEqualTo(5);
            assertThat(projector.get().unit()).isEqualTo("s");
            assertThat(projector.get().service()).isEqualTo(TodoListSystem.VIEWS);
        });
        Optional<DataPoint> failures = latest("messaging.process.duration",
                p -> "TodoListAggregate".equals(p.attributes().get("recq.component"))
                        && "failed".equals(p.attributes().get("recq.outcome")));
        assertThat(failures).isPresent();
        assertThat(failures.get().count()).isGreaterThanOrEqualTo(1);
        assertThat(latest("messaging.client.operation.duration", p -> "CheckTodo".equals(
                p.attributes().get("recq.message.type"))).orElseThrow().count()).isGreaterThanOrEqualTo(5);

        Predicate<DataPoint> lagging = p -> LAGGING_CONSUMER.equals(p.attributes().get("recq.consumer"));
        assertThat(receiver.points("recq.consumer.lag").stream().filter(lagging))
                .as("the lagging projector's lag while it works through the story")
                .anySatisfy(p -> assertThat(p.value()).isGreaterThan(0));
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            DataPoint lag = latest("recq.consumer.lag", lagging).orElseThrow();
            assertThat(lag.value()).as("the lagging projector's lag, then position: %s %s; readiness: %s",
                    values("recq.consumer.lag", lagging), values("recq.consumer.position", lagging), readiness())
                    .isZero();
            assertThat(latest("recq.consumer.lag.duration", lagging).orElseThrow().value()).isZero();
            assertThat(latest("recq.consumer.replay.progress", lagging).orElseThrow().value()).isEqualTo(1.0);
        });
        assertThat(latest("recq.consumer.position", lagging).orElseThrow().value()).isPositive();
        assertThat(latest("recq.consumer.threads.alive", p -> TodoListSystem.DOMAIN.equals(p.service())
                && "command".equals(p.attributes().get("recq.consumer.kind"))).orElseThrow().value()).isPositive();
        assertThat(latest("recq.gateway.requests.active", p -> TodoListSystem.FRONT.equals(p.service())
                && "CheckTodo".equals(p.attributes().get("recq.message.type"))).orElseThrow().value()).isZero();
        assertThat(latest("recq.commands.dead_letters", p -> TodoListSystem.DOMAIN.equals(p.service())))
                .isPresent();
    }

    /**
     * @return the span's name and, for a handling, the component that handled it: several components handle one
     *         event, and each one's span arrives in its own service's batch
     */
    private static String nameAndComponent(ReceivedSpan span) {
        String component = span.attribute("recq.component");
        return component == null ? span.name() : span.name() + " by " + component;
    }

    /**
     * @return the trace as an indented tree, children in the order they started
     */
    private static String tree(List<ReceivedSpan> trace) {
        StringBuilder out = new StringBuilder();
        trace.stream().filter(s -> trace.stream().noneMatch(p -> p.spanId().equals(s.parentSpanId())))
                .forEach(root -> tree(trace, root, 1, out));
        return out.toString();
    }

    private static void tree(List<ReceivedSpan> trace, ReceivedSpan span, int depth, StringBuilder out) {
        out.append('\n').append("  ".repeat(depth)).append(span.name()).append("  [").append(span.service());
        if (span.attribute("recq.component") != null) {
            out.append(", ").append(span.attribute("recq.component"));
        }
        if (span.error()) {
            out.append(", ERROR");
        }
        out.append("]");
        trace.stream().filter(s -> s.parentSpanId().equals(span.spanId()))
                .forEach(child -> tree(trace, child, depth + 1, out));
    }

    /**
     * @return the server's readiness report: each consumer's position and phase, for a failure's message
     */
    private static String readiness() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:9990/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static List<Double> values(String metric, Predicate<DataPoint> test) {
        return receiver.points(metric).stream().filter(test).sorted(Comparator.comparingLong(DataPoint::timeNanos))
                .map(DataPoint::value).toList();
    }

    private static Optional<ReceivedSpan> find(Predicate<ReceivedSpan> test) {
        return receiver.spans().stream().filter(test).findFirst();
    }

    private static List<ReceivedSpan> trace(String traceId) {
        return receiver.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private static Optional<DataPoint> latest(String metric, Predicate<DataPoint> test) {
        return receiver.points(metric).stream().filter(test).max(Comparator.comparingLong(DataPoint::timeNanos));
    }

    private static ReceivedSpan one(List<ReceivedSpan> trace, Predicate<ReceivedSpan> test, String printed) {
        List<ReceivedSpan> found = trace.stream().filter(test).toList();
        assertThat(found).as(printed).hasSize(1);
        return found.get(0);
    }

    private static ReceivedSpan parentOf(ReceivedSpan span, List<ReceivedSpan> trace, String printed) {
        return one(trace, s -> s.spanId().equals(span.parentSpanId()), "the parent of " + span + " in" + printed);
    }

    private static ReceivedSpan child(List<ReceivedSpan> trace, ReceivedSpan parent, String name, String printed) {
        return one(trace, s -> s.parentSpanId().equals(parent.spanId()) && s.name().equals(name),
                name + " under " + parent + " in" + printed);
    }

    private static ReceivedSpan childBy(List<ReceivedSpan> trace, ReceivedSpan parent, String component,
            String printed) {
        return one(trace, s -> s.parentSpanId().equals(parent.spanId()) && s.name().startsWith("handle ")
                && component.equals(s.attribute("recq.component")), component + " under " + parent + " in" + printed);
    }
}
