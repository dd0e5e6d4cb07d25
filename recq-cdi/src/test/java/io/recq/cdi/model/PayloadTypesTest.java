package io.recq.cdi.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.List;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;

import org.junit.jupiter.api.Test;

import io.recq.api.Multiple;
import io.recq.api.Query;
import io.recq.api.ServiceEvent;
import io.recq.api.Single;
import io.recq.cdi.todo.FindTodoList;
import io.recq.cdi.todo.Priority;
import io.recq.cdi.todo.TodoAdded;
import io.recq.cdi.todo.TodoListView;

class PayloadTypesTest {

    @Test
    void namesAPayloadByItsSimpleClassName() {
        assertThat(PayloadTypes.logicalName(TodoAdded.class)).isEqualTo("TodoAdded");
        assertThat(PayloadTypes.logicalName(Nested.Renamed.class)).isEqualTo("Renamed");
    }

    @Test
    void resolvesTheAnswerTypeDeclaredDirectly() {
        // when
        Type answer = PayloadTypes.answerTypeOf(FindTodoList.class).orElseThrow();

        // then
        assertThat(answer.getTypeName()).isEqualTo(Single.class.getName() + "<" + TodoListView.class.getName() + ">");
        assertThat(PayloadTypes.rawClass(answer)).isEqualTo(Single.class);
    }

    @Test
    void resolvesTheAnswerTypeOfAPlainClassAnswer() {
        assertThat(PayloadTypes.answerTypeOf(CountTodos.class)).contains(Integer.class);
    }

    @Test
    void resolvesTheAnswerTypeInheritedThroughAGenericInterface() {
        // when
        Type answer = PayloadTypes.answerTypeOf(ListsOfOwner.class).orElseThrow();

        // then
        assertThat(answer.getTypeName())
                .isEqualTo(Multiple.class.getName() + "<" + TodoListView.class.getName() + ">");
    }

    @Test
    void resolvesTheAnswerTypeInheritedThroughAGenericSuperclass() {
        // when
        Type answer = PayloadTypes.answerTypeOf(DueDates.class).orElseThrow();

        // then
        assertThat(answer.getTypeName()).isEqualTo(Multiple.class.getName() + "<" + LocalDate.class.getName() + ">");
    }

    @Test
    void resolvesATypeVariableNestedInsideTheInheritedAnswerType() {
        // when
        Type answer = PayloadTypes.answerTypeOf(PriorityPage.class).orElseThrow();

        // then: Paged<V> implements Query<Multiple<V>>, bound here to Priority
        assertThat(answer.getTypeName()).isEqualTo(Multiple.class.getName() + "<" + Priority.class.getName() + ">");
    }

    @Test
    void resolvesToATypeEqualToTheOneTheCompilerWrites() throws Exception {
        // given
        Type declared = Samples.class.getDeclaredField("priorities").getGenericType();

        // when
        Type answer = PayloadTypes.answerTypeOf(PriorityPage.class).orElseThrow();

        // then
        assertThat(answer).isEqualTo(declared).hasSameHashCodeAs(declared);
        assertThat(declared).isEqualTo(answer);
    }

    @Test
    void resolvesTheAnswerTypeThroughSeveralGenericInterfaces() {
        // when
        Type answer = PayloadTypes.answerTypeOf(Tags.class).orElseThrow();

        // then: ListQuery<E> extends Query<List<E>>, Named<N> extends ListQuery<N>, bound here to String
        assertThat(answer.getTypeName()).isEqualTo(List.class.getName() + "<" + String.class.getName() + ">");
    }

    @Test
    void findsNoAnswerTypeForARawQueryOrANonQuery() {
        assertThat(PayloadTypes.answerTypeOf(RawQuery.class)).isEmpty();
        assertThat(PayloadTypes.answerTypeOf(TodoAdded.class)).isEmpty();
        assertThat(PayloadTypes.answerTypeOf(String.class)).isEmpty();
    }

    @Test
    void acceptsClassesJsonbCanCreate() {
        assertThat(PayloadTypes.whyNotCreatable(TodoAdded.class)).isEmpty();
        assertThat(PayloadTypes.whyNotCreatable(Priority.class)).isEmpty();
        assertThat(PayloadTypes.whyNotCreatable(PublicConstructor.class)).isEmpty();
        assertThat(PayloadTypes.whyNotCreatable(ProtectedConstructor.class)).isEmpty();
        assertThat(PayloadTypes.whyNotCreatable(CreatorConstructor.class)).isEmpty();
        assertThat(PayloadTypes.whyNotCreatable(CreatorFactory.class)).isEmpty();
    }

    @Test
    void explainsWhyJsonbCannotCreateAClass() {
        assertThat(PayloadTypes.whyNotCreatable(ServiceEvent.class)).get().asString()
                .contains("interface or abstract");
        assertThat(PayloadTypes.whyNotCreatable(AbstractEvent.class)).get().asString()
                .contains("interface or abstract");
        assertThat(PayloadTypes.whyNotCreatable(Inner.class)).get().asString().contains("inner");
        assertThat(PayloadTypes.whyNotCreatable(ArgumentsOnly.class)).get().asString()
                .contains("no public or protected no-argument constructor");
        assertThat(PayloadTypes.whyNotCreatable(PrivateConstructor.class)).get().asString()
                .contains("no public or protected no-argument constructor");
        assertThat(PayloadTypes.whyNotCreatable(PackagePrivate.class)).get().asString().contains("not public");
    }

    @Test
    void tellsConcretePayloadClassesApart() {
        assertThat(PayloadTypes.isConcretePayload(TodoAdded.class)).isTrue();
        assertThat(PayloadTypes.isConcretePayload(ServiceEvent.class)).isFalse();
        assertThat(PayloadTypes.isConcretePayload(AbstractEvent.class)).isFalse();
        assertThat(PayloadTypes.isConcretePayload(TodoListView.class)).isFalse();
    }

    static class Samples {
        Multiple<Priority> priorities;
    }

    public record CountTodos(String listId) implements Query<Integer> {
    }

    interface ByOwner<R> extends Query<R> {
        String owner();
    }

    public record ListsOfOwner(String owner) implements ByOwner<Multiple<TodoListView>> {
    }

    abstract static class DatedQuery<R> implements Query<R> {
        public String from;
    }

    static class DueDates extends DatedQuery<Multiple<LocalDate>> {
    }

    abstract static class Paged<V> implements Query<Multiple<V>> {
        public int page;
    }

    static class PriorityPage extends Paged<Priority> {
    }

    interface ListQuery<E> extends Query<List<E>> {
    }

    interface Named<N> extends ListQuery<N> {
    }

    public record Tags(String prefix) implements Named<String> {
    }

    @SuppressWarnings("rawtypes")
    public record RawQuery(String id) implements Query {
    }

    static final class Nested {
        public record Renamed(String id) implements ServiceEvent {
        }
    }

    record PackagePrivate(String id) implements ServiceEvent {
    }

    public abstract static class AbstractEvent implements ServiceEvent {
    }

    public class Inner implements ServiceEvent {
    }

    public static class PublicConstructor implements ServiceEvent {
        public String name;
    }

    public static class ProtectedConstructor implements ServiceEvent {
        protected ProtectedConstructor() {
        }
    }

    public static class PrivateConstructor implements ServiceEvent {
        private PrivateConstructor() {
        }
    }

    public static class ArgumentsOnly implements ServiceEvent {
        public ArgumentsOnly(String name) {
        }
    }

    public static class CreatorConstructor implements ServiceEvent {
        @JsonbCreator
        public CreatorConstructor(@JsonbProperty("name") String name) {
        }
    }

    public static class CreatorFactory implements ServiceEvent {
        private CreatorFactory() {
        }

        @JsonbCreator
        public static CreatorFactory of(@JsonbProperty("name") String name) {
            return new CreatorFactory();
        }
    }
}
