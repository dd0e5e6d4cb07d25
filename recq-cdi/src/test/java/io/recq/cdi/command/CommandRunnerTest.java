package io.recq.cdi.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.recq.api.AggregateAlreadyInitializedException;
import io.recq.api.AggregateDeletedException;
import io.recq.api.AggregateNotInitializedException;
import io.recq.api.InvalidPayloadException;
import io.recq.api.Metadata;
import io.recq.api.Payload;
import io.recq.cdi.command.Bank.AccountAggregate;
import io.recq.cdi.command.Bank.Notifier;
import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.model.RecqModel;
import io.recq.cdi.serialization.PayloadCodec;
import io.recq.cdi.spi.AggregateCache;
import io.recq.cdi.spi.CommandOutcome;
import io.recq.cdi.spi.ConcurrentAppendException;
import io.recq.cdi.spi.IncomingCommand;
import io.recq.cdi.spi.StoredEvent;
import io.recq.cdi.telemetry.Telemetry;

class CommandRunnerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123456Z");

    private final AccountAggregate aggregate = new AccountAggregate();
    private final Notifier notifier = new Notifier();
    private final InMemoryStore store = new InMemoryStore();
    private final RecqModel model = RecqModel.builder()
            .add(new ComponentIntrospector().inspect(AccountAggregate.class).component())
            .add(new ComponentIntrospector().inspect(Notifier.class).component())
            .build();
    private final PayloadCodec codec = new PayloadCodec(model, PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES);
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private int snapshotFrequency = -1;

    private CommandRunner testSubject() {
        Map<Class<?>, Object> components = Map.of(AccountAggregate.class, aggregate, Notifier.class, notifier);
        return new CommandRunner(model, codec, store, store, components::get, null, null,
                new CommandSettings(Duration.ofHours(1), a -> snapshotFrequency), clock);
    }

    @AfterEach
    void closeCodec() {
        codec.close();
    }

    private IncomingCommand command(Payload payload, Metadata metadata) {
        return new IncomingCommand(UUID.randomUUID().toString(), PayloadCodec.logicalName(payload),
                codec.writePayload(payload), null, metadata, NOW.minusSeconds(1), 1);
    }

    private CommandOutcome process(Payload payload) {
        return testSubject().process(command(payload, Metadata.empty()));
    }

    @Test
    void createsAnAggregateAndAnswersWithTheFirstEvent() {
        // when
        CommandOutcome outcome = process(new Bank.OpenAccount("acc-1", "ada"));

        // then
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.resultName()).isEqualTo("AccountOpened");
        assertThat(codec.readPayload(outcome.resultName(), outcome.resultJson()))
                .isEqualTo(new Bank.AccountOpened("acc-1", "ada"));
        assertThat(outcome.events()).singleElement().satisfies(e -> {
            assertThat(e.aggregateId()).isEqualTo("acc-1");
            assertThat(e.aggregateVersion()).isEqualTo(1);
            assertThat(e.timestamp()).isEqualTo(NOW);
        });
    }

    @Test
    void rejectsSecondInitOnSameAggregate() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));

        // when
        CommandOutcome outcome = process(new Bank.OpenAccount("acc-1", "bob"));

        // then
        assertThat(outcome.failure()).isInstanceOf(AggregateAlreadyInitializedException.class)
                .hasMessageStartingWith(ErrorCode.AGGREGATE_ALREADY_INITIALIZED.code());
        assertThat(store.events).hasSize(1);
    }

    @Test
    void rejectsCommandOnMissingAggregate() {
        // when
        CommandOutcome outcome = process(new Bank.Deposit("nobody", 5));

        // then
        assertThat(outcome.failure()).isInstanceOf(AggregateNotInitializedException.class)
                .hasMessageStartingWith(ErrorCode.AGGREGATE_NOT_INITIALIZED.code());
        assertThat(store.events).isEmpty();
    }

    @Test
    void rejectsEveryCommandOnDeletedAggregate() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));
        process(new Bank.CloseAccount("acc-1"));

        // when
        CommandOutcome deposit = process(new Bank.Deposit("acc-1", 5));
        CommandOutcome reopen = process(new Bank.OpenAccount("acc-1", "ada"));

        // then
        assertThat(deposit.failure()).isInstanceOf(AggregateDeletedException.class)
                .hasMessageStartingWith(ErrorCode.AGGREGATE_DELETED.code());
        assertThat(reopen.failure()).isInstanceOf(AggregateDeletedException.class);
        assertThat(store.events).hasSize(2);
    }

    @Test
    void storesEachEventWithTheTraceContextOfTheSpanThatStoredIt() {
        // given telemetry that gives each stored event a span of its own
        List<String> ended = new ArrayList<>();
        Telemetry telemetry = new RecordingTelemetry(ended);
        CommandRunner runner = new CommandRunner(model, codec, store, store,
                Map.<Class<?>, Object>of(AccountAggregate.class, aggregate, Notifier.class, notifier)::get, null, null,
                new CommandSettings(Duration.ofHours(1), a -> snapshotFrequency), clock, telemetry);
        Metadata sent = Metadata.of(Metadata.TRACE_PARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        // when
        CommandOutcome outcome = runner.process(command(new Bank.OpenAccount("acc-1", "ada"), sent));

        // then the event keeps its span's context, not the sender's, and the span ended once it was stored
        assertThat(outcome.succeeded()).isTrue();
        assertThat(store.events).singleElement().satisfies(event -> assertThat(event.metadata()
                .get(Metadata.TRACE_PARENT)).contains("00-0af7651916cd43dd8448eb211c80319c-00000000000000e1-01"));
        assertThat(ended).containsExactly("publish AccountOpened acc-1: ok");
    }

    /** Gives each published event the span id e1, e2...; records how each span ended. */
    private static final class RecordingTelemetry implements Telemetry {

        private final List<String> ended;
        private int spans;

        RecordingTelemetry(List<String> ended) {
            this.ended = ended;
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Request request(Kind kind, String payloadName, String service, String routingKey, String messageId) {
            return OFF.request(kind, payloadName, service, routingKey, messageId);
        }

        @Override
        public Handling handle(Kind kind, String payloadName, String component, String routingKey,
                String messageId, Metadata metadata, String consumer) {
            return OFF.handle(kind, payloadName, component, routingKey, messageId, metadata, consumer);
        }

        @Override
        public Publication publish(String payloadName, String aggregateId) {
            String spanId = String.format("%016x", 0xe0 + ++spans);
            return new Publication() {
                @Override
                public Metadata inject(Metadata metadata) {
                    return metadata.with(Metadata.TRACE_PARENT, "00-0af7651916cd43dd8448eb211c80319c-" + spanId
                            + "-01");
                }

                @Override
                public void inject(BiConsumer<String, String> carrier) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void end(Throwable failure) {
                    ended.add("publish " + payloadName + " " + aggregateId + ": " + (failure == null ? "ok"
                            : failure.toString()));
                }
            };
        }

        @Override
        public Publication reply(String traceParent, String traceState, String resultName) {
            return OFF.reply(traceParent, traceState, resultName);
        }

        @Override
        public AutoCloseable observe(List<Gauge> gauges, Consumer<Recorder> callback) {
            return OFF.observe(gauges, callback);
        }
    }

    @Test
    void rebuildsTheStateFromEarlierEventsBeforeHandling() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));
        process(new Bank.Deposit("acc-1", 30));
        process(new Bank.SplitDeposit("acc-1", 5, 7));

        // when
        CommandOutcome allowed = process(new Bank.Withdraw("acc-1", 42));
        CommandOutcome refused = process(new Bank.Withdraw("acc-1", 1));

        // then
        assertThat(allowed.succeeded()).isTrue();
        assertThat(allowed.events()).singleElement().extracting(StoredEvent::aggregateVersion).isEqualTo(5L);
        assertThat(refused.failure()).isInstanceOf(Bank.InsufficientFunds.class).hasMessage("balance 0 < 1");
    }

    @Test
    void returnsTheHandlersOwnExceptionAndStoresNothing() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));

        // when
        CommandOutcome outcome = process(new Bank.Withdraw("acc-1", 10));

        // then
        assertThat(outcome.failure()).isExactlyInstanceOf(Bank.InsufficientFunds.class)
                .hasMessage("balance 0 < 10");
        assertThat(outcome.events()).isEmpty();
        assertThat(store.events).hasSize(1);
    }

    @Test
    void failsAndStoresNothingWhenAnEventSourcingHandlerThrowsOnAProducedEvent() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));

        // when
        CommandOutcome outcome = process(new Bank.SplitDeposit("acc-1", 5, -1));

        // then
        assertThat(outcome.failure()).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative deposit -1");
        assertThat(store.events).hasSize(1);
    }

    @Test
    void storesAllEventsOfAListWithConsecutiveVersionsAndAnswersWithTheFirst() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));

        // when
        CommandOutcome outcome = process(new Bank.SplitDeposit("acc-1", 5, 7));

        // then
        assertThat(outcome.events()).extracting(StoredEvent::aggregateVersion).containsExactly(2L, 3L);
        assertThat(outcome.events()).extracting(StoredEvent::context).containsOnly("money");
        assertThat(codec.readPayload(outcome.resultName(), outcome.resultJson()))
                .isEqualTo(new Bank.Deposited("acc-1", 5));
    }

    @Test
    void copiesTheCommandMetadataWithCorrelationAndCausationOntoEveryEvent() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));
        IncomingCommand command = command(new Bank.SplitDeposit("acc-1", 1, 2), Metadata.of("tenant", "acme"));

        // when
        CommandOutcome outcome = testSubject().process(command);

        // then
        Metadata expected = Metadata.of("tenant", "acme").with(Metadata.CORRELATION_ID, command.messageId())
                .with(Metadata.CAUSATION_ID, command.messageId());
        assertThat(outcome.events()).hasSize(2).extracting(StoredEvent::metadata).containsOnly(expected);
    }

    @Test
    void keepsTheCorrelationIdTheCommandAlreadyCarries() {
        // given
        Metadata metadata = Metadata.of(Metadata.CORRELATION_ID, "origin-1");

        // when
        CommandOutcome outcome = testSubject().process(command(new Bank.OpenAccount("acc-1", "ada"), metadata));

        // then
        assertThat(outcome.events().get(0).metadata().get(Metadata.CORRELATION_ID)).contains("origin-1");
    }

    @Test
    void runsTheHandlerAsAnAggregateWithTheCommandsMessageIdAndMetadata() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));
        IncomingCommand command = command(new Bank.Deposit("acc-1", 1), Metadata.of("tenant", "acme"));

        // when
        testSubject().process(command);

        // then
        assertThat(aggregate.lastFrame.kind()).isEqualTo(ComponentKind.AGGREGATE);
        assertThat(aggregate.lastFrame.messageId()).isEqualTo(command.messageId());
        assertThat(aggregate.lastFrame.component()).contains("AccountAggregate#deposit");
        assertThat(aggregate.lastMetadata.get("tenant")).contains("acme");
    }

    @Test
    void answersARepeatedIdempotencyKeyWithTheFirstResultAndAppendsNothing() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));
        Metadata key = Metadata.of(Metadata.IDEMPOTENCY_KEY, "pay-1");
        CommandOutcome first = testSubject().process(command(new Bank.Deposit("acc-1", 10), key));

        // when
        CommandOutcome second = testSubject().process(command(new Bank.Deposit("acc-1", 10), key));

        // then
        assertThat(second.succeeded()).isTrue();
        assertThat(second.resultName()).isEqualTo(first.resultName());
        assertThat(second.resultJson()).isEqualTo(first.resultJson());
        assertThat(second.events()).isEmpty();
        assertThat(store.events).hasSize(2);
    }

    @Test
    void answersACommandDeliveredAgainFromItsInboxRecordAndAppendsNothing() {
        // given: a command without idempotency key, handled once
        process(new Bank.OpenAccount("acc-1", "ada"));
        IncomingCommand deposit = command(new Bank.Deposit("acc-1", 10), Metadata.empty());
        CommandOutcome first = testSubject().process(deposit);

        // when: the same message comes again (a redelivery after a crash, a repeated forward)
        CommandOutcome again = testSubject().process(deposit);

        // then
        assertThat(again.succeeded()).isTrue();
        assertThat(again.resultJson()).isEqualTo(first.resultJson());
        assertThat(again.events()).isEmpty();
        assertThat(store.events).hasSize(2);
        assertThat(store.records).containsKey("recq-message:" + deposit.messageId());
    }

    @Test
    void doesNotLookForTheInboxRecordOfACommandOnItsFirstTryInTheSendingJvm() {
        // given: a command with a record under its message id, which its first try cannot have
        process(new Bank.OpenAccount("acc-1", "ada"));
        IncomingCommand handled = command(new Bank.Deposit("acc-1", 10), Metadata.empty());
        testSubject().process(handled);
        IncomingCommand firstTry = new IncomingCommand(handled.messageId(), handled.payloadName(), handled.json(),
                null, Metadata.empty(), NOW, 0);

        // when
        Throwable failure = catchThrowable(() -> testSubject().process(firstTry));

        // then: not looked up, and the record's insert refuses the second application
        assertThat(failure).isInstanceOf(ConcurrentAppendException.class);
    }

    @Test
    void looksForTheIdempotencyKeyOfACommandEvenOnItsFirstTry() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));
        Metadata key = Metadata.of(Metadata.IDEMPOTENCY_KEY, "pay-1");
        CommandOutcome first = testSubject().process(command(new Bank.Deposit("acc-1", 10), key));
        IncomingCommand again = new IncomingCommand(UUID.randomUUID().toString(),
                PayloadCodec.logicalName(new Bank.Deposit("acc-1", 10)), codec.writePayload(new Bank.Deposit("acc-1", 10)),
                null, key, NOW, 0);

        // when
        CommandOutcome second = testSubject().process(again);

        // then
        assertThat(second.resultJson()).isEqualTo(first.resultJson());
        assertThat(second.events()).isEmpty();
        assertThat(store.events).hasSize(2);
    }

    @Test
    void runsACommandOnTheCachedInstanceWithoutLoadingItAndOffersTheInstanceItLeaves() {
        // given: a cache that holds an instance the store does not know of, so a load would find nothing
        process(new Bank.OpenAccount("acc-1", "ada"));
        String type = model.component(AccountAggregate.class).orElseThrow().name();
        Bank.AccountState state = new Bank.AccountState();
        state.setOwner("ada");
        state.setBalance(100);
        MapCache cache = new MapCache();
        cache.offer(new AggregateCache.Entry(type, "acc-1", 1, state));

        // when
        CommandOutcome outcome = testSubject().process(command(new Bank.Withdraw("acc-1", 60), Metadata.empty()),
                cache);

        // then: the cached balance decided (the stored history has none to withdraw from)
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.events()).singleElement().satisfies(e -> assertThat(e.aggregateVersion()).isEqualTo(2));
        AggregateCache.Entry left = cache.entries.get("acc-1");
        assertThat(left.version()).isEqualTo(2);
        assertThat(((Bank.AccountState) left.state()).getBalance()).isEqualTo(40);
    }

    @Test
    void loadsAnInstanceTheCacheDoesNotHoldAndOffersNothingWhenTheHandlerFails() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));
        MapCache cache = new MapCache();

        // when
        CommandOutcome refused = testSubject().process(command(new Bank.Withdraw("acc-1", 60), Metadata.empty()),
                cache);
        CommandOutcome deposited = testSubject().process(command(new Bank.Deposit("acc-1", 10), Metadata.empty()),
                cache);

        // then: loaded from the store, and kept only after the command that succeeded
        assertThat(refused.failure()).isInstanceOf(Bank.InsufficientFunds.class);
        assertThat(deposited.succeeded()).isTrue();
        assertThat(cache.offers).isEqualTo(1);
        assertThat(cache.entries.get("acc-1").version()).isEqualTo(2);
        assertThat(((Bank.AccountState) cache.entries.get("acc-1").state()).getBalance()).isEqualTo(10);
    }

    /** A cache of one transaction that never ends, by aggregate id. */
    private static final class MapCache implements AggregateCache {

        final Map<String, Entry> entries = new HashMap<>();
        int offers;

        @Override
        public Optional<Entry> take(String aggregateType, String aggregateId) {
            return Optional.ofNullable(entries.remove(aggregateId));
        }

        @Override
        public void offer(Entry entry) {
            offers++;
            entries.put(entry.aggregateId(), entry);
        }
    }

    @Test
    void handlesTwoMessagesOfTheSameContentTwice() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));

        // when: two commands that only look alike
        process(new Bank.Deposit("acc-1", 10));
        process(new Bank.Deposit("acc-1", 10));

        // then
        assertThat(store.events).hasSize(3);
    }

    @Test
    void handlesAKeyAgainOnceItsRecordIsOutsideTheRetention() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));
        Metadata key = Metadata.of(Metadata.IDEMPOTENCY_KEY, "pay-1");
        testSubject().process(command(new Bank.Deposit("acc-1", 10), key));
        clock = Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC);

        // when
        CommandOutcome again = testSubject().process(command(new Bank.Deposit("acc-1", 10), key));

        // then
        assertThat(again.events()).hasSize(1);
        assertThat(store.events).hasSize(3);
    }

    @Test
    void doesNotRecordTheKeyOfAFailedCommand() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));
        Metadata key = Metadata.of(Metadata.IDEMPOTENCY_KEY, "pay-1");
        testSubject().process(command(new Bank.Withdraw("acc-1", 10), key));

        // when
        process(new Bank.Deposit("acc-1", 10));
        CommandOutcome retried = testSubject().process(command(new Bank.Withdraw("acc-1", 10), key));

        // then
        assertThat(retried.succeeded()).isTrue();
        assertThat(retried.resultName()).isEqualTo("Withdrawn");
    }

    @Test
    void snapshotsEveryNEventsAndLoadsFromTheSnapshotThenLaterEvents() {
        // given
        snapshotFrequency = 2;
        process(new Bank.OpenAccount("acc-1", "ada"));
        process(new Bank.Deposit("acc-1", 10));
        process(new Bank.SplitDeposit("acc-1", 1, 2));
        process(new Bank.Deposit("acc-1", 100));
        assertThat(store.snapshots.get("acc-1").aggregateVersion()).isEqualTo(4);
        store.loadedAfter.clear();

        // when
        CommandOutcome outcome = process(new Bank.Withdraw("acc-1", 113));

        // then
        assertThat(outcome.succeeded()).isTrue();
        assertThat(store.loadedAfter).containsExactly(4L);
        assertThat(store.snapshots.get("acc-1").aggregateVersion()).isEqualTo(6);
        assertThat(store.snapshots.get("acc-1").stateJson()).contains("\"balance\":0");
    }

    @Test
    void replaysAllEventsWhenTheSnapshotNoLongerReads() {
        // given
        snapshotFrequency = 1;
        process(new Bank.OpenAccount("acc-1", "ada"));
        process(new Bank.Deposit("acc-1", 10));
        var broken = store.snapshots.get("acc-1");
        store.snapshots.put("acc-1", new io.recq.cdi.spi.AggregateSnapshot("acc-1", broken.aggregateType(),
                broken.aggregateVersion(), "{\"balance\":\"not a number\"", broken.timestamp()));
        store.loadedAfter.clear();

        // when
        CommandOutcome outcome = process(new Bank.Withdraw("acc-1", 10));

        // then
        assertThat(outcome.succeeded()).isTrue();
        assertThat(store.loadedAfter).containsExactly(0L);
    }

    @Test
    void storesAServiceEventWithoutAggregateIdAndAnswersWithIt() {
        // when
        CommandOutcome outcome = process(new Bank.Notify("ada@example.com"));

        // then
        assertThat(outcome.resultName()).isEqualTo("Notified");
        assertThat(outcome.events()).singleElement().satisfies(e -> {
            assertThat(e.aggregateId()).isNull();
            assertThat(e.aggregateVersion()).isZero();
        });
        assertThat(notifier.lastFrame.kind()).isEqualTo(ComponentKind.SERVICE);
    }

    @Test
    void answersNullAndStoresNothingForAVoidService() {
        // when
        CommandOutcome outcome = process(new Bank.Ping("x"));

        // then
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.resultName()).isNull();
        assertThat(outcome.resultJson()).isNull();
        assertThat(store.events).isEmpty();
    }

    @Test
    void refusesAnUnregisteredPayloadNameWithoutReadingIt() {
        // given
        IncomingCommand command = new IncomingCommand("m-1", "java.lang.Runtime", "{}", null, Metadata.empty(), NOW,
                1);

        // when
        CommandOutcome outcome = testSubject().process(command);

        // then
        assertThat(outcome.failure()).isInstanceOf(InvalidPayloadException.class)
                .hasMessageStartingWith(ErrorCode.INVALID_PAYLOAD.code());
    }

    @Test
    void refusesMalformedJson() {
        // given
        IncomingCommand command = new IncomingCommand("m-1", "Deposit", "{\"aggregateId\":", null, Metadata.empty(),
                NOW, 1);

        // when
        CommandOutcome outcome = testSubject().process(command);

        // then
        assertThat(outcome.failure()).isInstanceOf(InvalidPayloadException.class);
        assertThat(store.events).isEmpty();
    }

    @Test
    void throwsAConcurrentAppendSoThatTheTransportRollsBackAndRedelivers() {
        // given
        process(new Bank.OpenAccount("acc-1", "ada"));
        store.failAppendWith = new ConcurrentAppendException("version 2 of acc-1 is taken");

        // when
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> process(new Bank.Deposit("acc-1", 1)));

        // then
        assertThat(thrown).isInstanceOf(ConcurrentAppendException.class);
        store.failAppendWith = null;
        assertThat(process(new Bank.Deposit("acc-1", 1)).events()).extracting(StoredEvent::aggregateVersion)
                .containsExactly(2L);
    }

    @Test
    void hashesIdempotencyKeysTooLongForTheKeyColumn() {
        // given
        String longKey = "k".repeat(500);

        // when
        String stored = CommandRunner.storableKey(longKey);

        // then
        assertThat(stored).startsWith("sha256:").hasSize(7 + 64);
        assertThat(CommandRunner.storableKey("short")).isEqualTo("short");
        assertThat(List.of(stored)).doesNotContain(longKey);
    }
}
