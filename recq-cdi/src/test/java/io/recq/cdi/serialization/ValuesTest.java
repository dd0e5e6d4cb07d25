package io.recq.cdi.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;

import org.junit.jupiter.api.Test;

/**
 * Only what cannot change once made, and reads back from its JSON as an equal object, is handed over without
 * the JSON round trip.
 */
class ValuesTest {

    enum Currency { EUR, USD }

    record Money(BigDecimal amount, Currency currency) {
    }

    record Deposit(String accountId, long amount, UUID ticket, Instant at, Money money, boolean urgent,
            Integer priority) {
    }

    record Tagged(String id, List<String> tags) {
    }

    record Holding(String id, Optional<String> note) {
    }

    record Dated(String id, Date at) {
    }

    record Chars(String id, char[] letters) {
    }

    record Hidden(String id, @JsonbTransient String secret) {
    }

    record Renamed(@JsonbProperty("identifier") String id) {
    }

    record Wrapping(String id, Tagged inner) {
    }

    static final class Mutable {
        String id;
    }

    record Holder(Object anything) {
    }

    @Test
    void recordsOfImmutableComponentsAllTheWayDownAreValues() {
        assertThat(Values.isValue(Deposit.class)).isTrue();
        assertThat(Values.isValue(Money.class)).isTrue();
    }

    @Test
    void collectionsArraysAndMutableTypesAreNot() {
        assertThat(Values.isValue(Tagged.class)).isFalse();
        assertThat(Values.isValue(Holding.class)).isFalse();
        assertThat(Values.isValue(Dated.class)).isFalse();
        assertThat(Values.isValue(Chars.class)).isFalse();
        assertThat(Values.isValue(Wrapping.class)).isFalse();
        assertThat(Values.isValue(Holder.class)).isFalse();
        assertThat(Values.isValue(Mutable.class)).isFalse();
        assertThat(Values.isValue(ArrayList.class)).isFalse();
        assertThat(Values.isValue(null)).isFalse();
    }

    @Test
    void aRecordWhoseJsonDiffersFromItselfIsNot() {
        // the handler would see the transient secret, which a copy through JSON drops
        assertThat(Values.isValue(Hidden.class)).isFalse();
        assertThat(Values.isValue(Renamed.class)).isFalse();
    }
}
