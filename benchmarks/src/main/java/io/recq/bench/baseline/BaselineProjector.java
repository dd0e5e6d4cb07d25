package io.recq.bench.baseline;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.recq.bench.account.AccountBalance;
import io.recq.bench.baseline.BaselineMessages.AccountOpened;
import io.recq.bench.baseline.BaselineMessages.Deposited;
import io.recq.bench.probe.CommitProbe;

/**
 * Projects the baseline's events from the topic into {@link BaselineBalance}, one event per container
 * transaction, one session so that events are applied in the order they were published.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = BaselineDestinations.EVENTS),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class BaselineProjector implements MessageListener {

    @PersistenceContext(unitName = AccountBalance.UNIT)
    EntityManager entityManager;

    @Inject
    CommitProbe probe;

    @Override
    public void onMessage(Message message) {
        try {
            String type = message.getStringProperty(BaselineDestinations.TYPE);
            String body = ((TextMessage) message).getText();
            if (BaselineMessages.ACCOUNT_OPENED.equals(type)) {
                AccountOpened event = BaselineMessages.JSON.fromJson(body, AccountOpened.class);
                if (entityManager.find(BaselineBalance.class, event.accountId()) == null) {
                    entityManager.persist(new BaselineBalance(event.accountId()));
                }
            } else if (BaselineMessages.DEPOSITED.equals(type)) {
                Deposited event = BaselineMessages.JSON.fromJson(body, Deposited.class);
                BaselineBalance balance = entityManager.find(BaselineBalance.class, event.accountId());
                if (balance == null) {
                    balance = new BaselineBalance(event.accountId());
                    entityManager.persist(balance);
                }
                balance.deposit(event.amount());
                probe.onProjectionCommit(event.ticket());
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
