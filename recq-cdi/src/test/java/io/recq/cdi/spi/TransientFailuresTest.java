package io.recq.cdi.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;

import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void recognisesALostDatabaseConnectionDeepInTheCauses() {
        // given
        Throwable failure = new IllegalStateException("commit failed",
                new RuntimeException("flush", new SQLException("I/O error", "08006")));

        // when / then
        assertThat(TransientFailures.isTransient(failure)).isTrue();
    }

    @Test
    void recognisesSerializationFailuresDeadlocksAndShutdowns() {
        assertThat(TransientFailures.isTransient(new SQLException("serialize", "40001"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("admin shutdown", "57P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLTransientConnectionException("pool"))).isTrue();
        assertThat(TransientFailures.isTransient(new ConnectException("refused"))).isTrue();
    }

    @Test
    void keepsTheBrokersCauseAsTransient() {
        assertThat(TransientFailures.isTransient(new RuntimeException(new JMSException("connection failed"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new JMSRuntimeException("closed"))).isTrue();
    }

    @Test
    void treatsMistakesAndHandlerFailuresAsPermanent() {
        assertThat(TransientFailures.isTransient(new InvalidDestinationException("no such queue"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("unique", "23505"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad amount"))).isFalse();
        assertThat(TransientFailures.isTransient(null)).isFalse();
    }
}
