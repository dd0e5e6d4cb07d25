package io.recq.bench.baseline;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.recq.bench.account.AccountBalance;
import io.recq.bench.baseline.BaselineMessages.Balance;
import io.recq.bench.baseline.BaselineMessages.FindBalance;

/**
 * Answers the baseline's balance queries, without a transaction.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = BaselineDestinations.QUERIES),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = BaselineDestinations.SESSIONS)
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BaselineQueryConsumer implements MessageListener {

    @PersistenceContext(unitName = AccountBalance.UNIT)
    EntityManager entityManager;

    @Inject
    JMSContext context;

    @Override
    public void onMessage(Message message) {
        try {
            FindBalance query = BaselineMessages.JSON.fromJson(((TextMessage) message).getText(), FindBalance.class);
            BaselineBalance balance = entityManager.find(BaselineBalance.class, query.accountId());
            String answer = balance == null ? "null" : BaselineMessages.JSON.toJson(
                    new Balance(balance.getAccountId(), balance.getBalance(), balance.getDeposits()));
            if (message.getJMSReplyTo() != null) {
                TextMessage reply = context.createTextMessage(answer);
                reply.setJMSCorrelationID(message.getJMSCorrelationID());
                reply.setStringProperty(BaselineDestinations.OUTCOME, "ok");
                context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                        .send(message.getJMSReplyTo(), reply);
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
