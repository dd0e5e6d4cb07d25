package io.recq.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MetadataTest {

    @Test
    void startsEmpty() {
        assertThat(Metadata.empty().isEmpty()).isTrue();
        assertThat(Metadata.empty().asMap()).isEmpty();
        assertThat(Metadata.empty().get("any")).isEmpty();
        assertThat(Metadata.of(Map.of())).isSameAs(Metadata.empty());
    }

    @Test
    void addsEntriesWithoutChangingTheOriginal() {
        // given
        Metadata testSubject = Metadata.of("tenant", "acme");

        // when
        Metadata more = testSubject.with("user", "ada").with("tenant", "other");

        // then
        assertThat(testSubject.asMap()).containsExactly(entry("tenant", "acme"));
        assertThat(more.asMap()).containsExactly(entry("tenant", "other"), entry("user", "ada"));
        assertThat(more.get("user")).contains("ada");
    }

    @Test
    void copiesTheMapItIsBuiltFrom() {
        // given
        Map<String, String> source = new HashMap<>(Map.of("a", "1"));

        // when
        Metadata testSubject = Metadata.of(source);
        source.put("b", "2");

        // then
        assertThat(testSubject.asMap()).containsOnly(entry("a", "1"));
    }

    @Test
    void exposesAReadOnlyMap() {
        assertThatThrownBy(() -> Metadata.of("a", "1").asMap().put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void combinesWithOtherMetadataWhoseEntriesWin() {
        // given
        Metadata testSubject = Metadata.of("a", "1").with("b", "2");

        // when
        Metadata combined = testSubject.and(Metadata.of("b", "3").with("c", "4"));

        // then
        assertThat(combined.asMap()).containsOnly(entry("a", "1"), entry("b", "3"), entry("c", "4"));
        assertThat(testSubject.and(null)).isSameAs(testSubject);
        assertThat(Metadata.empty().and(testSubject)).isSameAs(testSubject);
    }

    @Test
    void removesAKey() {
        // given
        Metadata testSubject = Metadata.of(Metadata.IDEMPOTENCY_KEY, "once").with("a", "1");

        // when / then
        assertThat(testSubject.without(Metadata.IDEMPOTENCY_KEY).asMap()).containsOnly(entry("a", "1"));
        assertThat(testSubject.without("absent")).isSameAs(testSubject);
        assertThat(Metadata.of("a", "1").without("a")).isSameAs(Metadata.empty());
    }

    @Test
    void refusesNullOrEmptyKeysAndNullValues() {
        assertThatThrownBy(() -> Metadata.of(null, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metadata.of("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metadata.of("k", null)).isInstanceOf(IllegalArgumentException.class);
        Map<String, String> withNull = new HashMap<>();
        withNull.put("k", null);
        assertThatThrownBy(() -> Metadata.of(withNull)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isEqualByItsEntries() {
        assertThat(Metadata.of("a", "1").with("b", "2")).isEqualTo(Metadata.of(Map.of("b", "2", "a", "1")))
                .hasSameHashCodeAs(Metadata.of(Map.of("b", "2", "a", "1")));
        assertThat(Metadata.of("a", "1")).isNotEqualTo(Metadata.of("a", "2"));
    }

    @Test
    void namesTheFrameworkKeys() {
        assertThat(Metadata.IDEMPOTENCY_KEY).isEqualTo("recq-idempotency-key");
        assertThat(Metadata.CORRELATION_ID).isNotEqualTo(Metadata.CAUSATION_ID);
    }
}
