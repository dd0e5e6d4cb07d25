package io.recq.cdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.recq.api.ForbiddenMessageException;
import io.recq.api.Metadata;
import io.recq.cdi.model.ComponentKind;

class HandlerScopeTest {

    /** The RECQ capability table, written out independently of ComponentKind. */
    @ParameterizedTest(name = "{0} may send commands: {1}, queries: {2}")
    @CsvSource({
            "AGGREGATE,  true,  false",
            "SERVICE,    true,  false",
            "PROJECTOR,  false, true",
            "PROJECTION, false, true",
            "SAGA,       true,  true",
            "OBSERVER,   true,  true",
            "INVOKER,    true,  true"})
    void enforcesTheCapabilityTable(ComponentKind kind, boolean mayCommand, boolean mayQuery) throws Exception {
        // given
        HandlerScope.Frame frame = new HandlerScope.Frame(kind, "com.acme.X#handle(Y)", "message-1", Metadata.empty());

        // when
        Throwable command = HandlerScope.call(frame, () -> catchThrowable(HandlerScope::checkMayCommand));
        Throwable query = HandlerScope.call(frame, () -> catchThrowable(HandlerScope::checkMayQuery));

        // then
        if (mayCommand) {
            assertThat(command).isNull();
        } else {
            assertThat(command).isInstanceOf(ForbiddenMessageException.class)
                    .hasMessageStartingWith("RECQ-01001 com.acme.X#handle(Y): ")
                    .hasMessageContaining("may not send commands");
        }
        if (mayQuery) {
            assertThat(query).isNull();
        } else {
            assertThat(query).isInstanceOf(ForbiddenMessageException.class)
                    .hasMessageStartingWith("RECQ-01001 com.acme.X#handle(Y): ")
                    .hasMessageContaining("may not send queries");
        }
    }

    @Test
    void allowsBothKindsOutsideAnyHandler() {
        assertThat(HandlerScope.current()).isEmpty();
        assertThatCode(HandlerScope::checkMayCommand).doesNotThrowAnyException();
        assertThatCode(HandlerScope::checkMayQuery).doesNotThrowAnyException();
    }

    @Test
    void restoresTheOuterHandlerAfterANestedOne() throws Exception {
        // given
        HandlerScope.Frame saga = frame(ComponentKind.SAGA, "saga-message", Metadata.empty());
        HandlerScope.Frame projector = frame(ComponentKind.PROJECTOR, "projector-message", Metadata.empty());

        // when
        ComponentKind[] seen = HandlerScope.call(saga, () -> {
            ComponentKind inner = HandlerScope.call(projector, () -> HandlerScope.current().orElseThrow().kind());
            return new ComponentKind[] {inner, HandlerScope.current().orElseThrow().kind()};
        });

        // then
        assertThat(seen).containsExactly(ComponentKind.PROJECTOR, ComponentKind.SAGA);
        assertThat(HandlerScope.current()).isEmpty();
    }

    @Test
    void leavesTheScopeWhenTheHandlerThrows() {
        // given
        HandlerScope.Frame frame = frame(ComponentKind.AGGREGATE, "m", Metadata.empty());

        // when
        assertThatThrownBy(() -> HandlerScope.call(frame, () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        // then
        assertThat(HandlerScope.current()).isEmpty();
    }

    @Test
    void isBoundToTheThreadOfTheHandler() throws Exception {
        // given
        HandlerScope.Frame frame = frame(ComponentKind.PROJECTOR, "m", Metadata.empty());
        AtomicReference<Throwable> onOtherThread = new AtomicReference<>();

        // when
        HandlerScope.call(frame, () -> CompletableFuture.runAsync(() -> onOtherThread.set(
                catchThrowable(HandlerScope::checkMayCommand))).get());

        // then
        assertThat(onOtherThread.get()).isNull();
    }

    @Test
    void keepsTheCorrelationIdAndSetsTheCausationId() throws Exception {
        // given
        Metadata handled = Metadata.of(Metadata.CORRELATION_ID, "first-command")
                .with(Metadata.CAUSATION_ID, "previous")
                .with("tenant", "acme");
        HandlerScope.Frame frame = frame(ComponentKind.SAGA, "event-42", handled);

        // when
        Metadata outgoing = HandlerScope.call(frame, () -> HandlerScope.outgoing(Metadata.empty()));

        // then
        assertThat(outgoing.asMap()).containsOnly(
                org.assertj.core.api.Assertions.entry(Metadata.CORRELATION_ID, "first-command"),
                org.assertj.core.api.Assertions.entry(Metadata.CAUSATION_ID, "event-42"),
                org.assertj.core.api.Assertions.entry("tenant", "acme"));
    }

    @Test
    void startsACorrelationAtTheHandledMessageWhenThereIsNone() throws Exception {
        // given
        HandlerScope.Frame frame = frame(ComponentKind.OBSERVER, "event-7", Metadata.empty());

        // when
        Metadata outgoing = HandlerScope.call(frame, () -> HandlerScope.outgoing(null));

        // then
        assertThat(outgoing.get(Metadata.CORRELATION_ID)).contains("event-7");
        assertThat(outgoing.get(Metadata.CAUSATION_ID)).contains("event-7");
    }

    @Test
    void doesNotPropagateTheIdempotencyKey() throws Exception {
        // given
        Metadata handled = Metadata.of(Metadata.IDEMPOTENCY_KEY, "pay-once").with(Metadata.CORRELATION_ID, "c-1");
        HandlerScope.Frame frame = frame(ComponentKind.SAGA, "event-1", handled);

        // when
        Metadata outgoing = HandlerScope.call(frame, () -> HandlerScope.outgoing(Metadata.empty()));
        Metadata explicit = HandlerScope.call(frame,
                () -> HandlerScope.outgoing(Metadata.of(Metadata.IDEMPOTENCY_KEY, "ship-once")));

        // then: a command sent by the handler is a new request; only an explicit key applies to it
        assertThat(outgoing.get(Metadata.IDEMPOTENCY_KEY)).isEmpty();
        assertThat(outgoing.get(Metadata.CORRELATION_ID)).contains("c-1");
        assertThat(explicit.get(Metadata.IDEMPOTENCY_KEY)).contains("ship-once");
    }

    @Test
    void letsTheSendersExplicitMetadataWin() throws Exception {
        // given
        HandlerScope.Frame frame = frame(ComponentKind.SAGA, "event-1", Metadata.of("tenant", "acme"));

        // when
        Metadata outgoing = HandlerScope.call(frame, () -> HandlerScope.outgoing(Metadata.of("tenant", "other")));

        // then
        assertThat(outgoing.get("tenant")).contains("other");
    }

    @Test
    void sendsTheExplicitMetadataUnchangedOutsideAnyHandler() {
        // given
        Metadata explicit = Metadata.of(Metadata.IDEMPOTENCY_KEY, "k").with("tenant", "acme");

        // when / then
        assertThat(HandlerScope.outgoing(explicit)).isEqualTo(explicit);
        assertThat(HandlerScope.outgoing(null)).isEqualTo(Metadata.empty());
    }

    private static HandlerScope.Frame frame(ComponentKind kind, String messageId, Metadata metadata) {
        return new HandlerScope.Frame(kind, "com.acme." + kind + "#handle(Message)", messageId, metadata);
    }

    private static Throwable catchThrowable(Runnable action) {
        try {
            action.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @Test
    void givesAnObserverTheSameCommandIdsWhenItHandlesTheSameEventAgain() throws Exception {
        // given
        HandlerScope.Frame frame = new HandlerScope.Frame(ComponentKind.OBSERVER, "com.acme.Mailer#on(Sent)", "17",
                Metadata.empty());

        // when: the observer handles event 17 twice, sending two commands each time
        List<String> first = HandlerScope.call(frame,
                () -> List.of(HandlerScope.nextMessageId(), HandlerScope.nextMessageId()));
        List<String> again = HandlerScope.call(frame,
                () -> List.of(HandlerScope.nextMessageId(), HandlerScope.nextMessageId()));

        // then
        assertThat(again).isEqualTo(first);
        assertThat(first.get(0)).isNotEqualTo(first.get(1));
    }

    @Test
    void givesOtherSendersNewCommandIdsEachTime() throws Exception {
        // given: a saga's commands roll back with its transaction, so a second handling sends new ones
        HandlerScope.Frame frame = new HandlerScope.Frame(ComponentKind.SAGA, "com.acme.Archive#on(Done)", "17",
                Metadata.empty());

        // when
        String first = HandlerScope.call(frame, HandlerScope::nextMessageId);
        String again = HandlerScope.call(frame, HandlerScope::nextMessageId);

        // then
        assertThat(again).isNotEqualTo(first);
        assertThat(HandlerScope.nextMessageId()).isNotEqualTo(HandlerScope.nextMessageId());
    }
}
