package io.recq.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link Single} and {@link Multiple}, the query answers. */
class AnswersTest {

    @Test
    void holdsOneItemOrNone() {
        // when
        Single<String> one = Single.of("view");
        Single<String> none = Single.empty();

        // then
        assertThat(one.data()).isEqualTo("view");
        assertThat(one.isEmpty()).isFalse();
        assertThat(one.asOptional()).contains("view");
        assertThat(none.data()).isNull();
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.asOptional()).isEmpty();
        assertThat(one).isEqualTo(Single.of("view"));
        assertThat(none).isEqualTo(Single.empty());
    }

    @Test
    void refusesANullItemForSingleOf() {
        assertThatThrownBy(() -> Single.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Single.empty()");
    }

    @Test
    void holdsACopyOfItsItemsInOrder() {
        // given
        List<String> items = new ArrayList<>(List.of("b", "a"));

        // when
        Multiple<String> testSubject = Multiple.of(items);
        items.add("c");

        // then
        assertThat(testSubject.data()).containsExactly("b", "a");
        assertThat(testSubject.isEmpty()).isFalse();
        assertThatThrownBy(() -> testSubject.data().add("d")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void treatsANullListAsEmpty() {
        assertThat(Multiple.of(null).data()).isEmpty();
        assertThat(Multiple.empty().isEmpty()).isTrue();
        assertThat(Multiple.<String>empty()).isEqualTo(Multiple.of(List.of()));
    }

    @Test
    void refusesNullItems() {
        assertThatThrownBy(() -> Multiple.of(Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
    }
}
