package io.recq.cdi.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.recq.api.DomainCommand;

class JsonSchemasTest {

    enum Colour { RED, GREEN }

    record Line(String sku, int quantity, BigDecimal price) {
    }

    record PlaceOrder(String aggregateId, List<Line> lines, Map<String, Long> counts, Optional<Colour> colour,
            Instant at, boolean rush) implements DomainCommand {
    }

    record Node(String name, List<Node> children) {
    }

    public static class Bean {
        public String getName() {
            return null;
        }

        public boolean isActive() {
            return false;
        }

        public long count;
    }

    @Test
    void writesTheJsonShapeOfARecordInNameOrder() {
        // when
        String schema = JsonSchemas.of(PlaceOrder.class);

        // then
        assertThat(schema).isEqualTo("{\"properties\":{"
                + "\"aggregateId\":{\"type\":\"string\"},"
                + "\"at\":{\"format\":\"Instant\",\"type\":\"string\"},"
                + "\"colour\":{\"enum\":[\"RED\",\"GREEN\"],\"type\":\"string\"},"
                + "\"counts\":{\"additionalProperties\":{\"type\":\"integer\"},\"type\":\"object\"},"
                + "\"lines\":{\"items\":{\"properties\":{\"price\":{\"type\":\"number\"},"
                + "\"quantity\":{\"type\":\"integer\"},\"sku\":{\"type\":\"string\"}},\"title\":\"Line\","
                + "\"type\":\"object\"},\"type\":\"array\"},"
                + "\"rush\":{\"type\":\"boolean\"}},"
                + "\"title\":\"PlaceOrder\",\"type\":\"object\"}");
    }

    @Test
    void writesAClassByItsGettersAndPublicFields() {
        assertThat(JsonSchemas.of(Bean.class)).isEqualTo("{\"properties\":{\"active\":{\"type\":\"boolean\"},"
                + "\"count\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"}},\"title\":\"Bean\","
                + "\"type\":\"object\"}");
    }

    @Test
    void endsARecursiveShapeAtTheTypeItRepeats() {
        assertThat(JsonSchemas.of(Node.class)).isEqualTo("{\"properties\":{\"children\":{\"items\":{\"title\":"
                + "\"Node\",\"type\":\"object\"},\"type\":\"array\"},\"name\":{\"type\":\"string\"}},\"title\":"
                + "\"Node\",\"type\":\"object\"}");
    }

    @Test
    void tellsTwoVersionsOfAClassApart() {
        record OpenAccount(String aggregateId, String owner) {
        }
        class V2 {
            record OpenAccount(String aggregateId, String owner, String currency) {
            }
        }

        assertThat(JsonSchemas.of(OpenAccount.class)).isNotEqualTo(JsonSchemas.of(V2.OpenAccount.class));
    }
}
