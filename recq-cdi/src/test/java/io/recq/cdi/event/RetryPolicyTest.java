package io.recq.cdi.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import jakarta.jms.JMSRuntimeException;
import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

import io.recq.api.EventHandler;
import io.recq.api.Projector;
import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.HandlerMethod;
import io.recq.cdi.spi.LeaseLostException;
import io.recq.cdi.spi.TransientStoreException;

class RetryPolicyTest {

    public record Noted(String id) implements io.recq.api.Event {
    }

    public record Other(String id) implements io.recq.api.Event {
    }

    @Projector
    public static class Handlers {
        @EventHandler(retry = 5, retryDelay = 100)
        void on(Noted event) {
        }

        @EventHandler
        void on(Other event) {
        }
    }

    private static HandlerMethod handler(Class<?> payload) {
        return new ComponentIntrospector().inspect(Handlers.class).orThrow().handlers().stream()
                .filter(h -> h.payloadType() == payload).findFirst().orElseThrow();
    }

    private static EventSettings settings(int defaultRetry, long defaultDelay, long maxDelay) {
        return new EventSettings(true, "node", 100, 100, Duration.ofSeconds(5), Duration.ofSeconds(30), defaultRetry,
                Duration.ofMillis(defaultDelay), Duration.ofMillis(maxDelay), Duration.ofMillis(50), 4, 300);
    }

    @Test
    void doublesTheDelayFromTheHandlersRetryDelayUpToTheMaximum() {
        // given
        RetryPolicy testSubject = new RetryPolicy(settings(3, 200, 1_000));
        HandlerMethod handler = handler(Noted.class);

        // then
        assertThat(testSubject.delayAfter(handler, 1)).isEqualTo(Duration.ofMillis(100));
        assertThat(testSubject.delayAfter(handler, 2)).isEqualTo(Duration.ofMillis(200));
        assertThat(testSubject.delayAfter(handler, 4)).isEqualTo(Duration.ofMillis(800));
        assertThat(testSubject.delayAfter(handler, 5)).isEqualTo(Duration.ofMillis(1_000));
        assertThat(testSubject.delayAfter(handler, 60)).isEqualTo(Duration.ofMillis(1_000));
    }

    @Test
    void usesTheHandlersRetryOrTheConfiguredDefaultWhenTheAnnotationLeavesItsDefault() {
        // given
        RetryPolicy testSubject = new RetryPolicy(settings(7, 30, 1_000));

        // then
        assertThat(testSubject.retries(handler(Noted.class))).isEqualTo(5);
        assertThat(testSubject.retries(handler(Other.class))).isEqualTo(7);
        assertThat(testSubject.delayAfter(handler(Other.class), 1)).isEqualTo(Duration.ofMillis(30));
    }

    @Test
    void transientDelayGrowsFromTheConfiguredStart() {
        // given
        RetryPolicy testSubject = new RetryPolicy(settings(3, 200, 400));

        // then
        assertThat(testSubject.transientDelay(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(testSubject.transientDelay(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(testSubject.transientDelay(9)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void recognisesTransientFailuresAnywhereInTheCauses() {
        assertThat(RetryPolicy.isTransient(new TransientStoreException("down"))).isTrue();
        assertThat(RetryPolicy.isTransient(new LeaseLostException("taken"))).isTrue();
        assertThat(RetryPolicy.isTransient(new JMSRuntimeException("broker gone"))).isTrue();
        assertThat(RetryPolicy.isTransient(new PersistenceException(new SQLTransientConnectionException("gone"))))
                .isTrue();
        assertThat(RetryPolicy.isTransient(new IllegalStateException(new SQLException("conn", "08006")))).isTrue();
        assertThat(RetryPolicy.isTransient(new PersistenceException(new SQLException("deadlock", "40P01")))).isTrue();
        assertThat(RetryPolicy.isTransient(new IllegalStateException(new java.net.SocketException("Connection reset"))))
                .isTrue();
    }

    @Test
    void treatsHandlerFaultsAndConstraintViolationsAsPermanent() {
        assertThat(RetryPolicy.isTransient(new IllegalStateException("bug"))).isFalse();
        assertThat(RetryPolicy.isTransient(new PersistenceException(new SQLException("duplicate", "23505"))))
                .isFalse();
        assertThat(RetryPolicy.isTransient(new NullPointerException())).isFalse();
    }
}
