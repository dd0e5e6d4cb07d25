package io.recq.cdi.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.recq.api.AggregateNotInitializedException;
import io.recq.api.EventHandler;
import io.recq.api.Metadata;
import io.recq.api.Observer;
import io.recq.api.ServiceEvent;

class HandlerMethodTest {

    private final HandlerMethod testSubject = new ComponentIntrospector().inspect(RecordingObserver.class).orThrow()
            .handler(HandlerKind.EVENT, Rang.class).orElseThrow();

    @Test
    void suppliesEachDeclaredParameterByItsKind() throws Throwable {
        // given
        RecordingObserver observer = new RecordingObserver();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");

        // when
        testSubject.invoke(observer, HandlerArguments.of(new Rang("door-1")).metadata(Metadata.of("k", "v"))
                .timestamp(at));

        // then
        assertThat(observer.seen).isEqualTo("door-1 Metadata{k=v} 2026-01-01T00:00:00Z");
    }

    @Test
    void throwsTheHandlersOwnExceptionUnwrapped() {
        // given
        RecordingObserver observer = new RecordingObserver();

        // when / then
        assertThatThrownBy(() -> testSubject.invoke(observer, HandlerArguments.of(new Rang("fail"))))
                .isExactlyInstanceOf(AggregateNotInitializedException.class).hasMessage("no door fail");
    }

    @Test
    void describesItselfAsClassAndMethod() {
        assertThat(testSubject.describe())
                .isEqualTo(RecordingObserver.class.getName() + "#on(Instant, Rang, Metadata)");
        assertThat(testSubject.payloadType()).isEqualTo(Rang.class);
        assertThat(testSubject.componentKind()).isEqualTo(ComponentKind.OBSERVER);
        assertThat(testSubject.returnsVoid()).isTrue();
        assertThat(testSubject.retry()).isEqualTo(3);
        assertThat(testSubject.retryDelay()).isEqualTo(200);
    }

    @Test
    void refusesArgumentsWithoutPayload() {
        assertThatThrownBy(() -> HandlerArguments.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    public record Rang(String doorId) implements ServiceEvent {
    }

    @Observer
    static class RecordingObserver {
        String seen;

        @EventHandler
        void on(Instant at, Rang event, Metadata metadata) {
            if (event.doorId().equals("fail")) {
                throw new AggregateNotInitializedException("no door fail");
            }
            seen = event.doorId() + " " + metadata + " " + at;
        }
    }
}
