package io.recq.jms.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JmsDeadCommandQueueTest {

    @Test
    void selectsExactlyOneMessageIdWithItsQuotesDoubled() {
        assertThat(JmsDeadCommandQueue.selector("a1")).isEqualTo("recq_message_id = 'a1'");
        assertThat(JmsDeadCommandQueue.selector("x' OR '1'='1")).isEqualTo("recq_message_id = 'x'' OR ''1''=''1'");
    }
}
