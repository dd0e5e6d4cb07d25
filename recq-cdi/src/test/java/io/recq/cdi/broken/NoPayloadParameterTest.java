package io.recq.cdi.broken;

import org.junit.jupiter.api.Test;

import io.recq.api.EventHandler;
import io.recq.api.Metadata;
import io.recq.api.Projector;
import io.recq.cdi.model.ErrorCode;

class NoPayloadParameterTest {

    @Test
    void rejectsAHandlerWithoutPayloadParameter() {
        // when
        BrokenDeployment deployment = BrokenDeployment.deploy(MetadataOnlyProjector.class);

        // then
        deployment.failsWithOnly(ErrorCode.NO_PAYLOAD_PARAMETER,
                MetadataOnlyProjector.class.getName() + "#on(Metadata)");
    }

    @Projector
    static class MetadataOnlyProjector {
        @EventHandler
        void on(Metadata metadata) {
        }
    }
}
