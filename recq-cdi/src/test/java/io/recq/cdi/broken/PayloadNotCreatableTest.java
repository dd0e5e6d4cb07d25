package io.recq.cdi.broken;

import org.junit.jupiter.api.Test;

import io.recq.api.EventHandler;
import io.recq.api.Observer;
import io.recq.api.ServiceEvent;
import io.recq.cdi.model.ErrorCode;

class PayloadNotCreatableTest {

    @Test
    void rejectsAPayloadClassThatJsonbCannotCreate() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(AlarmObserver.class);

        // then
        deployment.failsWithOnly(ErrorCode.PAYLOAD_NOT_CREATABLE, AlarmRaised.class.getName())
                .mentions("handled by " + AlarmObserver.class.getName() + "#on(AlarmRaised)")
                .mentions("no public or protected no-argument constructor");
    }

    @Test
    void rejectsAPayloadClassThatIsNotPublic() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(SirenObserver.class);

        // then
        deployment.failsWithOnly(ErrorCode.PAYLOAD_NOT_CREATABLE, SirenStarted.class.getName())
                .mentions("handled by " + SirenObserver.class.getName() + "#on(SirenStarted)")
                .mentions("not public");
    }

    /** Package-private: Yasson refuses to read or write it. */
    record SirenStarted(String zone) implements ServiceEvent {
    }

    @Observer
    static class SirenObserver {
        @EventHandler
        void on(SirenStarted event) {
        }
    }

    /** Only a constructor with arguments, and no {@code @JsonbCreator}: JSON-B cannot read it. */
    public static final class AlarmRaised implements ServiceEvent {
        private final String zone;

        public AlarmRaised(String zone) {
            this.zone = zone;
        }

        public String getZone() {
            return zone;
        }
    }

    @Observer
    static class AlarmObserver {
        @EventHandler
        void on(AlarmRaised event) {
        }
    }
}
