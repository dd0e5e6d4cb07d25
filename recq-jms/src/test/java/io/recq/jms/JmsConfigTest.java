package io.recq.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.recq.cdi.runtime.RecqConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class JmsConfigTest {

    /** Stands for Artemis's resource adapter factory: its class name is what {@code auto} looks at. */
    static final class ActiveMQRAConnectionFactoryImpl {
    }

    /** Stands for Open MQ's factory on Payara. */
    static final class ConnectionFactoryAdapter {
    }

    @Test
    void spellsNamesWithDotsOnArtemisAndPlainElsewhereByDefault() {
        JmsConfig artemis = config(Map.of());
        artemis.brokerOf(new ActiveMQRAConnectionFactoryImpl());
        JmsConfig openMq = config(Map.of());
        openMq.brokerOf(new ConnectionFactoryAdapter());

        assertThat(artemis.commandDestination("todolist-domain")).isEqualTo("recq.commands.todolist-domain");
        assertThat(artemis.queryDestination("todolist-domain")).isEqualTo("recq.queries.todolist-domain");
        assertThat(artemis.eventTopic()).isEqualTo("recq.events");
        assertThat(artemis.serviceDeadLetterQueue("todolist-domain")).isEqualTo("recq.dead-letters.todolist-domain");
        assertThat(openMq.commandDestination("todolist-domain")).isEqualTo("recq_commands_todolist_domain");
        assertThat(openMq.queryDestination("todolist-domain")).isEqualTo("recq_queries_todolist_domain");
        assertThat(openMq.eventTopic()).isEqualTo("recq_events");
        assertThat(openMq.serviceDeadLetterQueue("todolist-domain")).isEqualTo("recq_dead_letters_todolist_domain");
    }

    @Test
    void followsTheConfiguredSpellingAndPrefixes() {
        JmsConfig plain = config(Map.of(JmsConfig.DESTINATION_NAMES, "plain",
                JmsConfig.COMMAND_DESTINATION, "acme.cmd", JmsConfig.EVENT_TOPIC, "acme.events"));
        plain.brokerOf(new ActiveMQRAConnectionFactoryImpl());
        JmsConfig dotted = config(Map.of(JmsConfig.DESTINATION_NAMES, "dotted"));
        dotted.brokerOf(new ConnectionFactoryAdapter());

        assertThat(plain.commandDestination("billing")).isEqualTo("acme_cmd_billing");
        assertThat(plain.eventTopic()).isEqualTo("acme_events");
        assertThat(dotted.commandDestination("billing")).isEqualTo("recq.commands.billing");
    }

    @Test
    void givesEachSubscriptionSeveralConsumersOnlyWhereTheBrokerGroupsMessages() {
        JmsConfig artemis = config(Map.of());
        artemis.brokerOf(new ActiveMQRAConnectionFactoryImpl());
        JmsConfig openMq = config(Map.of());
        openMq.brokerOf(new ConnectionFactoryAdapter());
        JmsConfig configured = config(Map.of(JmsConfig.COMMAND_CONSUMERS, "3", JmsConfig.QUERY_CONSUMERS, "2"));
        configured.brokerOf(new ConnectionFactoryAdapter());

        assertThat(artemis.commandConsumers()).isEqualTo(4);
        assertThat(artemis.queryConsumers()).isEqualTo(4);
        assertThat(openMq.commandConsumers()).isEqualTo(1);
        assertThat(openMq.queryConsumers()).isEqualTo(1);
        assertThat(configured.commandConsumers()).isEqualTo(3);
        assertThat(configured.queryConsumers()).isEqualTo(2);
    }

    @Test
    void refusesAnUnknownSpelling() {
        JmsConfig config = config(Map.of(JmsConfig.DESTINATION_NAMES, "camel"));

        assertThatThrownBy(() -> config.brokerOf(new ConnectionFactoryAdapter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(JmsConfig.DESTINATION_NAMES).hasMessageContaining("camel");
    }

    @Test
    void keepsDeadCommandsInTheServicesQueueOnlyWhenNoneIsConfigured() {
        JmsConfig unset = config(Map.of());
        JmsConfig configured = config(Map.of(JmsConfig.DEAD_LETTER_QUEUE, "ops.dead"));

        assertThat(unset.deadLetterQueue()).isEmpty();
        unset.deadLetterQueueFallback("recq.dead-letters.billing");
        configured.deadLetterQueueFallback("recq.dead-letters.billing");

        assertThat(unset.deadLetterQueue()).contains("recq.dead-letters.billing");
        assertThat(configured.deadLetterQueue()).contains("ops.dead");
    }

    private static JmsConfig config(Map<String, String> values) {
        return new JmsConfig(new RecqConfig(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 100)).build()));
    }
}
