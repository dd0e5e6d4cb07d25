package io.recq.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsumerStateTest {

    @Test
    void aConsumerWithoutALeaseIsStoppedWhateverItsLag() {
        assertThat(SystemResource.state(false, 0, "projector", false)).isEqualTo("stopped");
        assertThat(SystemResource.state(false, 5_000, "projector", true)).isEqualTo("stopped");
    }

    @Test
    void aLeasedConsumerIsRunningUpToTheReplayLagAndReplayingBeyond() {
        assertThat(SystemResource.state(true, SystemResource.REPLAY_LAG, "saga", false)).isEqualTo("running");
        assertThat(SystemResource.state(true, SystemResource.REPLAY_LAG + 1, "saga", false)).isEqualTo("replaying");
    }

    @Test
    void aProjectorReplayingInAServiceThatIsNotReadyIsGating() {
        assertThat(SystemResource.state(true, 1_000, "projector", true)).isEqualTo("gating");
        assertThat(SystemResource.state(true, 1_000, "observer", true)).isEqualTo("replaying");
        assertThat(SystemResource.state(true, 10, "projector", true)).isEqualTo("running");
    }
}
