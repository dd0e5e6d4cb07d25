package io.recq.jms;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;

/**
 * Creates producers with every setting of a send given explicitly.
 *
 * <p>Artemis's {@link JMSProducer}s of one {@link JMSContext} share one underlying message producer: a
 * time-to-live or a delivery delay set on one of them (a reply's, a command's sent back after a failure) stays
 * set for the next producer of the same context, and a pooled context keeps it across transactions. A dead
 * letter sent after a reply then expired with the reply's time-to-live, and left the dead-letter queue for the
 * broker's expiry queue within seconds. So no RECQ send relies on a default.
 */
public final class Producers {

    private Producers() {
    }

    /**
     * @param context the context
     * @param deliveryMode {@link jakarta.jms.DeliveryMode}
     * @param timeToLive milliseconds, 0 for unlimited
     * @param deliveryDelay milliseconds before the message may be delivered, 0 for at once
     * @return a producer with exactly these settings and the default priority
     */
    public static JMSProducer of(JMSContext context, int deliveryMode, long timeToLive, long deliveryDelay) {
        return context.createProducer()
                .setDeliveryMode(deliveryMode)
                .setTimeToLive(timeToLive)
                .setDeliveryDelay(deliveryDelay)
                .setPriority(Message.DEFAULT_PRIORITY);
    }
}
