package io.recq.cdi.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.recq.cdi.model.ComponentKind;

class ConsumerIdTest {

    @Test
    void keyNamesKindComponentVersionAndContext() {
        // given
        ConsumerId testSubject = new ConsumerId(ComponentKind.PROJECTOR, "TodoListProjector", 2, "billing");

        // then
        assertThat(testSubject.key()).isEqualTo("Projector:TodoListProjector:v2:billing");
    }

    @Test
    void consumesItsContextOrEveryContext() {
        // given
        ConsumerId billing = new ConsumerId(ComponentKind.PROJECTOR, "P", 1, "billing");
        ConsumerId all = new ConsumerId(ComponentKind.SAGA, "S", 1, ConsumerId.ALL_CONTEXTS);

        // then
        assertThat(billing.consumes("billing")).isTrue();
        assertThat(billing.consumes("default")).isFalse();
        assertThat(all.consumes("default")).isTrue();
    }
}
