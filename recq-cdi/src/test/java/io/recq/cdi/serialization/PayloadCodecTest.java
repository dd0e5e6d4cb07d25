package io.recq.cdi.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.recq.api.InvalidPayloadException;
import io.recq.api.Multiple;
import io.recq.api.Payload;
import io.recq.api.Query;
import io.recq.api.ServiceEvent;
import io.recq.api.Single;
import io.recq.cdi.model.PayloadTypes;
import io.recq.cdi.todo.FindTodoList;
import io.recq.cdi.todo.Priority;
import io.recq.cdi.todo.ReminderState;
import io.recq.cdi.todo.TodoAdded;
import io.recq.cdi.todo.TodoListState;
import io.recq.cdi.todo.TodoListView;

class PayloadCodecTest {

    private static final Map<String, Class<? extends Payload>> REGISTERED = Map.of(
            "TodoAdded", TodoAdded.class,
            "OrderPlaced", OrderPlaced.class,
            "FindTodoList", FindTodoList.class,
            "Note", Note.class);

    private final PayloadCodec testSubject = new PayloadCodec(name -> java.util.Optional.ofNullable(REGISTERED.get(name)),
            512);

    @AfterEach
    void close() {
        testSubject.close();
    }

    @Test
    void roundTripsARecordWithAnEnumAndAnInstant() {
        // given
        TodoAdded event = new TodoAdded("list-1", "milk", Priority.HIGH, Instant.parse("2026-03-01T10:15:30.123Z"));

        // when
        String json = testSubject.writePayload(event);
        Payload read = testSubject.readPayload("TodoAdded", json);

        // then
        assertThat(read).isEqualTo(event);
        assertThat(json).contains("\"priority\":\"HIGH\"");
    }

    @Test
    void roundTripsNestedRecordsListsAndJavaTimeValues() {
        // given
        OrderPlaced event = new OrderPlaced("order-1",
                new Customer("Ada", new Address("1 Main St", "Springfield")),
                List.of(new Line("apple", 3, new BigDecimal("0.40")), new Line("pear", 1, new BigDecimal("0.75"))),
                LocalDate.of(2026, 4, 30), LocalDateTime.of(2026, 4, 1, 9, 30),
                OffsetDateTime.of(2026, 4, 1, 9, 30, 0, 0, ZoneOffset.ofHours(2)), Duration.ofMinutes(90),
                List.of(Priority.LOW, Priority.HIGH));

        // when
        Payload read = testSubject.readPayload("OrderPlaced", testSubject.writePayload(event));

        // then
        assertThat(read).isEqualTo(event);
    }

    @Test
    void readsWhatAnotherProgramSentOnlyWhenTheClassHasEveryPropertyItCarries() {
        // given: a sender whose class has a property more than the registered one
        String json = "{\"listId\":\"list-1\",\"text\":\"milk\",\"priority\":\"HIGH\",\"addedAt\":null,"
                + "\"colour\":\"red\"}";

        // then: read from the store, it is accepted (an event stays readable); received, it is refused
        assertThat(testSubject.readPayload("TodoAdded", json)).isEqualTo(new TodoAdded("list-1", "milk", Priority.HIGH,
                null));
        assertThatThrownBy(() -> testSubject.readIncoming("TodoAdded", json))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("RECQ-01003")
                .hasMessageContaining("colour");
    }

    @Test
    void readsWhatAnotherProgramSentWithoutAPropertyTheClassHas() {
        // when: a sender with an older class, without priority and addedAt
        Payload read = testSubject.readIncoming("TodoAdded", "{\"listId\":\"list-1\",\"text\":\"milk\"}");

        // then
        assertThat(read).isEqualTo(new TodoAdded("list-1", "milk", null, null));
    }

    @Test
    void refusesToWriteAClassThatIsNotRegistered() {
        // given
        Unregistered payload = new Unregistered("x");

        // when / then
        assertThatThrownBy(() -> testSubject.writePayload(payload)).isInstanceOf(InvalidPayloadException.class)
                .hasMessageStartingWith("RECQ-01003 ").hasMessageContaining(Unregistered.class.getName());
    }

    @Test
    void refusesToWriteAnotherClassThatHasARegisteredName() {
        // given: same simple name as the registered Note, another class
        Other.Note impostor = new Other.Note("x");

        // when / then
        assertThatThrownBy(() -> testSubject.writePayload(impostor)).isInstanceOf(InvalidPayloadException.class)
                .hasMessageStartingWith("RECQ-01003 ");
    }

    @Test
    void refusesToReadAnUnregisteredName() {
        // when / then: never a class named by the message
        assertThatThrownBy(() -> testSubject.readPayload("java.util.HashMap", "{}"))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ")
                .hasMessageContaining("'java.util.HashMap' is not registered");
        assertThatThrownBy(() -> testSubject.readPayload("Unregistered", "{\"text\":\"x\"}"))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ");
    }

    @Test
    void refusesMalformedJson() {
        assertThatThrownBy(() -> testSubject.readPayload("Note", "{\"text\": \"unterminated"))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ")
                .hasMessageContaining("Note");
        assertThatThrownBy(() -> testSubject.readPayload("Note", "not json at all"))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ");
        assertThatThrownBy(() -> testSubject.readPayload("Note", ""))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ");
    }

    @Test
    void refusesJsonOfTheWrongShape() {
        assertThatThrownBy(() -> testSubject.readPayload("Note", "[1, 2]"))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ");
        assertThatThrownBy(() -> testSubject.readPayload("TodoAdded", "{\"priority\":\"URGENT\"}"))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ");
    }

    @Test
    void refusesAJsonNullOrAMissingBody() {
        assertThatThrownBy(() -> testSubject.readPayload("Note", "null"))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ");
        assertThatThrownBy(() -> testSubject.readPayload("Note", null))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ");
        assertThatThrownBy(() -> testSubject.writePayload(null))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ");
        assertThatThrownBy(() -> testSubject.readPayload(" ", "{}"))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ");
    }

    @Test
    void refusesAnOversizedPayloadOnWriteAndOnRead() {
        // given: 200 characters of 3 bytes each in UTF-8, over the 512-byte limit of the codec
        Note big = new Note("€".repeat(200));
        String bigJson = "{\"text\":\"" + "€".repeat(200) + "\"}";

        // when / then
        assertThatThrownBy(() -> testSubject.writePayload(big)).isInstanceOf(InvalidPayloadException.class)
                .hasMessageStartingWith("RECQ-01003 ").hasMessageContaining("over the limit of 512");
        assertThatThrownBy(() -> testSubject.readPayload("Note", bigJson))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ")
                .hasMessageContaining("over the limit of 512");
    }

    @Test
    void acceptsAPayloadJustUnderTheLimit() {
        // given: {"text":"..."} is 11 bytes around the text
        Note fits = new Note("a".repeat(512 - 11));

        // when
        String json = testSubject.writePayload(fits);

        // then
        assertThat(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(512);
        assertThat(testSubject.readPayload("Note", json)).isEqualTo(fits);
    }

    @Test
    void roundTripsAQueryAnswerInItsDeclaredType() {
        // given
        Type answerType = PayloadTypes.answerTypeOf(FindTodoList.class).orElseThrow();
        Single<TodoListView> answer = Single.of(new TodoListView("list-1", "Groceries", List.of("milk", "eggs")));

        // when
        Object read = testSubject.readValue(testSubject.writeValue(answer), answerType);

        // then
        assertThat(read).isEqualTo(answer);
        assertThat(testSubject.<Single<TodoListView>>readValue(testSubject.writeValue(Single.empty()), answerType)
                .isEmpty()).isTrue();
    }

    @Test
    void roundTripsAnInheritedGenericAnswer() {
        // given: Paged<V> implements Query<Multiple<V>>; the answer is read into Multiple<Priority>
        Type answerType = PayloadTypes.answerTypeOf(PriorityPage.class).orElseThrow();
        Multiple<Priority> answer = Multiple.of(List.of(Priority.HIGH, Priority.LOW));

        // when
        Multiple<Priority> read = testSubject.readValue(testSubject.writeValue(answer), answerType);

        // then
        assertThat(read).isEqualTo(answer);
        assertThat(read.data().get(0)).isInstanceOf(Priority.class);
    }

    @Test
    void roundTripsAggregateAndSagaState() {
        // given
        TodoListState aggregate = new TodoListState();
        aggregate.setTitle("Groceries");
        aggregate.setTodoCount(2);
        aggregate.setDeleted(true);
        ReminderState saga = new ReminderState();
        saga.setTitle("Groceries");
        saga.setAssociation("listId", "list-1");
        saga.setEnded(true);

        // when
        TodoListState aggregateRead = testSubject.readValue(testSubject.writeValue(aggregate), TodoListState.class);
        ReminderState sagaRead = testSubject.readValue(testSubject.writeValue(saga), ReminderState.class);

        // then
        assertThat(aggregateRead).usingRecursiveComparison().isEqualTo(aggregate);
        assertThat(sagaRead.getAssociation("listId")).contains("list-1");
        assertThat(sagaRead.isEnded()).isTrue();
        assertThat(sagaRead.getTitle()).isEqualTo("Groceries");
    }

    @Test
    void refusesAStateThatCannotBeReadFromItsJson() {
        assertThatThrownBy(() -> testSubject.readValue("{\"todoCount\":\"many\"}", TodoListState.class))
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("RECQ-01003 ");
    }

    public record Address(String street, String city) {
    }

    public record Customer(String name, Address address) {
    }

    public record Line(String product, int quantity, BigDecimal unitPrice) {
    }

    public record OrderPlaced(String orderId, Customer customer, List<Line> lines, LocalDate due, LocalDateTime placedAt,
            OffsetDateTime confirmedAt, Duration window, List<Priority> priorities) implements ServiceEvent {
    }

    public record Note(String text) implements ServiceEvent {
    }

    public record Unregistered(String text) implements ServiceEvent {
    }

    public static final class Other {
        public record Note(String text) implements ServiceEvent {
        }
    }

    public abstract static class Paged<V> implements Query<Multiple<V>> {
        public int page;
    }

    public static class PriorityPage extends Paged<Priority> {
    }
}
