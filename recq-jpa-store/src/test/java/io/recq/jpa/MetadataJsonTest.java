package io.recq.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.recq.api.Metadata;

class MetadataJsonTest {

    @Test
    void writesAndReadsBackEveryEntryInOrderWithCharactersThatNeedEscaping() {
        // given
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("user", "alice \"the\" admin");
        entries.put("path", "C:\\temp\nnext");
        entries.put("ünïcödé", "✓");
        Metadata metadata = Metadata.of(entries);

        // when
        String json = MetadataJson.write(metadata);
        Metadata read = MetadataJson.read(json);

        // then
        assertThat(read.asMap()).containsExactlyEntriesOf(entries);
    }

    @Test
    void writesNoMetadataAsAnEmptyObjectAndReadsItBackEmpty() {
        // when
        String json = MetadataJson.write(Metadata.empty());

        // then
        assertThat(json).isEqualTo("{}");
        assertThat(MetadataJson.read(json).isEmpty()).isTrue();
        assertThat(MetadataJson.read(null).isEmpty()).isTrue();
    }

    @Test
    void readsScalarValuesAsTextAndSkipsNulls() {
        // when
        Metadata read = MetadataJson.read("{\"n\":42,\"flag\":true,\"none\":null,\"s\":\"x\"}");

        // then
        assertThat(read.asMap()).containsExactly(Map.entry("n", "42"), Map.entry("flag", "true"),
                Map.entry("s", "x"));
    }

    @Test
    void refusesTextThatIsNotAnObjectOfScalars() {
        assertThatThrownBy(() -> MetadataJson.read("[\"a\"]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetadataJson.read("{\"a\":{\"b\":\"c\"}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetadataJson.read("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
    }
}
