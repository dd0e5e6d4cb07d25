package io.recq.cdi.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.recq.api.Event;
import io.recq.api.EventHandler;
import io.recq.api.Projector;
import io.recq.cdi.event.projector.ProjectorConsumer;
import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.serialization.PayloadCodec;

/**
 * The liveness check of the event consumers over trackers in memory: UP while every tracker's thread runs,
 * DOWN naming the consumer whose thread ended or never started.
 */
class EventConsumersLivenessTest {

    public record Happened(int n) implements Event {
    }

    @Projector
    public static class Counter {
        @EventHandler
        void on(Happened event) {
            // nothing to do
        }
    }

    private final InMemoryStores.Events events = new InMemoryStores.Events();
    private final InMemoryStores.Consumers consumers = new InMemoryStores.Consumers(events);
    private final Map<String, EventTracker> trackers = new LinkedHashMap<>();
    private final Map<String, String> notRunning = new LinkedHashMap<>();
    private final EventConsumersLiveness testSubject = new EventConsumersLiveness(() -> trackers, () -> notRunning);
    private RecqModel model;
    private PayloadCodec codec;

    @BeforeEach
    void model() {
        model = RecqModel.builder().add(new ComponentIntrospector().inspect(Counter.class).orThrow()).build();
        codec = new PayloadCodec(model, 1 << 20);
    }

    @AfterEach
    void stop() {
        trackers.values().forEach(t -> t.stopAndWait(Duration.ofSeconds(5)));
        codec.close();
    }

    private EventTracker tracker() {
        ProjectorConsumer consumer = new ProjectorConsumer(model.component(Counter.class).orElseThrow(), "*",
                model::payloadType, new EventConsumer.Resources(codec, type -> new Counter(), null, null));
        EventSettings settings = new EventSettings(true, "node-a", 10, 10, Duration.ofMillis(20),
                Duration.ofSeconds(30), 3, Duration.ofMillis(1), Duration.ofMillis(50), Duration.ofMillis(1), 4, 60);
        EventTracker tracker = new EventTracker(consumer, events, consumers, new InMemoryStores.DeadEvents(),
                new InMemoryStores.Transactions(), settings, null, null, Clock.systemUTC());
        trackers.put(consumer.id().key(), tracker);
        return tracker;
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void isUpWhileEveryConsumerThreadRuns() {
        // given
        EventTracker tracker = tracker();
        tracker.start(Thread::new);
        await("live", () -> tracker.phase() == EventTracker.Phase.LIVE);

        // when
        HealthCheckResponse health = testSubject.call();

        // then
        assertThat(health.getName()).isEqualTo(EventConsumersLiveness.NAME);
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(health.getData().orElseThrow()).containsEntry(tracker.consumer().id().key(), "running")
                .containsEntry("consumers", 1L);
    }

    @Test
    void isDownNamingTheConsumerWhoseThreadEnded() {
        // given: the thread factory gives a thread that ends without running the tracker
        EventTracker tracker = tracker();
        tracker.start(runnable -> new Thread(() -> {
        }));
        await("the thread ended", () -> !tracker.alive());

        // when
        HealthCheckResponse health = testSubject.call();

        // then
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(health.getData().orElseThrow().get(tracker.consumer().id().key()).toString())
                .startsWith("not running: its thread recq-" + tracker.consumer().id().key());
    }

    @Test
    void isDownNamingAConsumerThatCouldNotStart() {
        // given
        notRunning.put("Projector:Counter:v1:*", "no store is deployed");

        // when
        HealthCheckResponse health = testSubject.call();

        // then
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(health.getData().orElseThrow()).containsEntry("Projector:Counter:v1:*",
                "not running: no store is deployed");
    }

    @Test
    void isUpForAStoppedConsumer() {
        // given
        EventTracker tracker = tracker();
        tracker.start(Thread::new);
        await("live", () -> tracker.phase() == EventTracker.Phase.LIVE);

        // when
        tracker.stopAndWait(Duration.ofSeconds(5));

        // then
        assertThat(testSubject.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
