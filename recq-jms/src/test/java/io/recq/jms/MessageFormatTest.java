package io.recq.jms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageFormatTest {

    @Test
    void copiesWhatTheSenderSetButNotWhatJmsOrTheBrokerSet() {
        assertThat(MessageFormat.isApplicationProperty(MessageFormat.MESSAGE_ID)).isTrue();
        assertThat(MessageFormat.isApplicationProperty("tenant")).isTrue();
        assertThat(MessageFormat.isApplicationProperty(MessageFormat.GROUP_ID)).isFalse();
        assertThat(MessageFormat.isApplicationProperty(MessageFormat.DELIVERY_COUNT)).isFalse();
        assertThat(MessageFormat.isApplicationProperty("_AMQ_SCHED_DELIVERY")).isFalse();
        assertThat(MessageFormat.isApplicationProperty("__AMQ_CID")).isFalse();
        assertThat(MessageFormat.isApplicationProperty("JMS_AMQP_FirstAcquirer")).isFalse();
    }
}
