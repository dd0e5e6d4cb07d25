package io.recq.cdi.command.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.recq.api.Aggregate;
import io.recq.api.AggregateAlreadyInitializedException;
import io.recq.api.AggregateCommandHandler;
import io.recq.api.AggregateDeletedException;
import io.recq.api.AggregateNotInitializedException;
import io.recq.api.AggregateState;
import io.recq.api.DomainCommand;
import io.recq.api.DomainEvent;
import io.recq.api.EventMessage;
import io.recq.api.EventSourcingHandler;
import io.recq.api.HandlerNotFoundException;
import io.recq.api.Metadata;
import io.recq.cdi.model.ComponentIntrospector;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.HandlerArguments;
import io.recq.cdi.runtime.HandlerScope;

class AggregateEngineTest {

    public record Open(String aggregateId, String owner) implements DomainCommand {
    }

    public record Deposit(String aggregateId, long amount) implements DomainCommand {
    }

    public record Split(String aggregateId, long first, long second) implements DomainCommand {
    }

    public record Close(String aggregateId) implements DomainCommand {
    }

    public record Unknown(String aggregateId) implements DomainCommand {
    }

    public record Opened(String aggregateId, String owner) implements DomainEvent {
    }

    public record Deposited(String aggregateId, long amount) implements DomainEvent {
    }

    public record Closed(String aggregateId) implements DomainEvent {
    }

    public static class Account extends AggregateState {
        private String owner;
        private long balance;
        private final List<String> seen = new ArrayList<>();

        public String getOwner() {
            return owner;
        }

        public long getBalance() {
            return balance;
        }

        public List<String> getSeen() {
            return seen;
        }
    }

    @Aggregate
    public static class AccountAggregate {

        HandlerScope.Frame lastFrame;

        @AggregateCommandHandler(init = true)
        Opened open(Open command) {
            return new Opened(command.aggregateId(), command.owner());
        }

        @AggregateCommandHandler
        Deposited deposit(Deposit command, Account state) {
            lastFrame = HandlerScope.current().orElseThrow();
            if (command.amount() <= 0) {
                throw new IllegalArgumentException("amount must be positive");
            }
            return new Deposited(command.aggregateId(), command.amount());
        }

        @AggregateCommandHandler
        List<DomainEvent> split(Split command) {
            return List.of(new Deposited(command.aggregateId(), command.first()),
                    new Deposited(command.aggregateId(), command.second()));
        }

        @AggregateCommandHandler
        Closed close(Close command) {
            return new Closed(command.aggregateId());
        }

        @EventSourcingHandler
        void on(Opened event, Account state, EventMessage<?> message) {
            state.owner = event.owner();
            state.seen.add("v" + message.aggregateVersion() + "@" + message.sequence());
        }

        @EventSourcingHandler
        Account on(Deposited event, Account state, Metadata metadata) {
            Account next = new Account();
            next.owner = state.owner;
            next.balance = state.balance + event.amount();
            next.seen.addAll(state.seen);
            next.seen.add(metadata.get("who").orElse("-"));
            return next;
        }

        @EventSourcingHandler
        void on(Closed event, Account state) {
            state.setDeleted(true);
        }
    }

    private final AccountAggregate aggregate = new AccountAggregate();
    private final AggregateEngine testSubject = new AggregateEngine(
            new ComponentIntrospector().inspect(AccountAggregate.class).orThrow());

    private CommandOutcome handle(AggregateInstance current, DomainCommand command) throws Exception {
        return testSubject.handle(aggregate, current, "m-1",
                HandlerArguments.of(command).metadata(Metadata.of("who", "ann")).timestamp(Instant.EPOCH));
    }

    private AggregateInstance opened() throws Exception {
        return handle(AggregateInstance.absent("a-1"), new Open("a-1", "Ann")).instance();
    }

    @Test
    void initCommandCreatesTheInstanceWithAFreshStateForAVoidEventSourcingHandler() throws Exception {
        // when
        CommandOutcome outcome = handle(AggregateInstance.absent("a-1"), new Open("a-1", "Ann"));

        // then
        assertThat(outcome.events()).containsExactly(new Opened("a-1", "Ann"));
        assertThat(outcome.result()).isEqualTo(new Opened("a-1", "Ann"));
        assertThat(outcome.instance().version()).isEqualTo(1);
        Account state = (Account) outcome.instance().state();
        assertThat(state.getOwner()).isEqualTo("Ann");
        assertThat(state.getSeen()).containsExactly("v1@0");
    }

    @Test
    void appliesEveryReturnedEventInOrderWithTheCommandsMetadata() throws Exception {
        // given
        AggregateInstance current = opened();

        // when
        CommandOutcome outcome = handle(current, new Split("a-1", 10, 32));

        // then
        assertThat(outcome.events()).containsExactly(new Deposited("a-1", 10), new Deposited("a-1", 32));
        assertThat(outcome.instance().version()).isEqualTo(3);
        Account state = (Account) outcome.instance().state();
        assertThat(state.getBalance()).isEqualTo(42);
        assertThat(state.getSeen()).containsExactly("v1@0", "ann", "ann");
    }

    @Test
    void replaysStoredEventsOneVersionEach() throws Exception {
        // given
        AggregateInstance current = AggregateInstance.absent("a-1");
        EventMessage<DomainEvent> first = new PendingEventMessage(7, "a-1", 1, "default", Instant.EPOCH,
                Metadata.empty(), new Opened("a-1", "Ann"));
        EventMessage<DomainEvent> second = new PendingEventMessage(9, "a-1", 2, "default", Instant.EPOCH,
                Metadata.empty(), new Deposited("a-1", 5));

        // when
        AggregateInstance after = testSubject.apply(aggregate, testSubject.apply(aggregate, current, first), second);

        // then
        assertThat(after.version()).isEqualTo(2);
        assertThat(((Account) after.state()).getBalance()).isEqualTo(5);
        assertThat(((Account) after.state()).getSeen()).containsExactly("v1@7", "-");
    }

    @Test
    void rejectsSecondInitOnSameAggregate() throws Exception {
        // given
        AggregateInstance current = opened();

        // then
        assertThatThrownBy(() -> handle(current, new Open("a-1", "Bob")))
                .isInstanceOf(AggregateAlreadyInitializedException.class)
                .hasMessageStartingWith("RECQ-01006 ")
                .hasMessageContaining("AccountAggregate#open(Open)");
    }

    @Test
    void rejectsCommandOnMissingAggregate() {
        assertThatThrownBy(() -> handle(AggregateInstance.absent("a-1"), new Deposit("a-1", 5)))
                .isInstanceOf(AggregateNotInitializedException.class)
                .hasMessageStartingWith("RECQ-01005 ")
                .hasMessageContaining("(Open)");
    }

    @Test
    void rejectsEveryCommandOnDeletedAggregate() throws Exception {
        // given
        AggregateInstance deleted = handle(opened(), new Close("a-1")).instance();

        // then
        assertThat(deleted.isDeleted()).isTrue();
        assertThatThrownBy(() -> handle(deleted, new Deposit("a-1", 5)))
                .isInstanceOf(AggregateDeletedException.class).hasMessageStartingWith("RECQ-01007 ");
        assertThatThrownBy(() -> handle(deleted, new Open("a-1", "Ann")))
                .isInstanceOf(AggregateDeletedException.class).hasMessageStartingWith("RECQ-01007 ");
    }

    @Test
    void throwsTheHandlersOwnExceptionUnchanged() throws Exception {
        // given
        AggregateInstance current = opened();

        // then
        assertThatThrownBy(() -> handle(current, new Deposit("a-1", -1)))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("amount must be positive");
    }

    @Test
    void refusesACommandItHasNoHandlerFor() throws Exception {
        // given
        AggregateInstance current = opened();

        // then
        assertThatThrownBy(() -> handle(current, new Unknown("a-1")))
                .isInstanceOf(HandlerNotFoundException.class).hasMessageStartingWith("RECQ-01002 ");
    }

    @Test
    void runsTheCommandHandlerInAnAggregateScopeWithTheCommandsMetadata() throws Exception {
        // when
        handle(opened(), new Deposit("a-1", 5));

        // then
        assertThat(aggregate.lastFrame.kind()).isEqualTo(ComponentKind.AGGREGATE);
        assertThat(aggregate.lastFrame.messageId()).isEqualTo("m-1");
        assertThat(aggregate.lastFrame.metadata()).isEqualTo(Metadata.of("who", "ann"));
        assertThat(HandlerScope.current()).isEmpty();
    }
}
