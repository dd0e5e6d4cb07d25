package io.recq.bench.baseline;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.annotation.Resource;
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
import jakarta.jms.Topic;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.recq.bench.account.AccountBalance;
import io.recq.bench.baseline.BaselineMessages.AccountOpened;
import io.recq.bench.baseline.BaselineMessages.Deposit;
import io.recq.bench.baseline.BaselineMessages.Deposited;
import io.recq.bench.baseline.BaselineMessages.OpenAccount;
import io.recq.bench.probe.CommitProbe;

/**
 * Handles the baseline's commands, each in the container's transaction: reads the account's last version,
 * inserts the event row with the next one (a unique constraint refuses a concurrent duplicate: the
 * transaction rolls back and the broker delivers the command again), publishes the event on the topic and
 * replies.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = BaselineDestinations.COMMANDS),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = BaselineDestinations.SESSIONS)
})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class BaselineCommandConsumer implements MessageListener {

    /** The context of the account events. */
    public static final String CONTEXT = "accounts";

    @PersistenceContext(unitName = AccountBalance.UNIT)
    EntityManager entityManager;

    @Inject
    JMSContext context;

    @Resource(lookup = BaselineDestinations.EVENTS)
    Topic events;

    @Inject
    CommitProbe probe;

    @Override
    public void onMessage(Message message) {
        try {
            String type = message.getStringProperty(BaselineDestinations.TYPE);
            String body = ((TextMessage) message).getText();
            String accountId;
            String eventType;
            String eventJson;
            Long last;
            if ("OpenAccount".equals(type)) {
                OpenAccount command = BaselineMessages.JSON.fromJson(body, OpenAccount.class);
                accountId = command.accountId();
                last = lastVersion(accountId);
                if (last != null) {
                    reply(message, false, "account " + accountId + " is already open");
                    return;
                }
                eventType = BaselineMessages.ACCOUNT_OPENED;
                eventJson = BaselineMessages.JSON.toJson(new AccountOpened(accountId));
            } else if ("Deposit".equals(type)) {
                Deposit command = BaselineMessages.JSON.fromJson(body, Deposit.class);
                accountId = command.accountId();
                if (command.amount() <= 0) {
                    reply(message, false, "a deposit must be positive, got " + command.amount());
                    return;
                }
                last = lastVersion(accountId);
                if (last == null) {
                    reply(message, false, "account " + accountId + " is not open");
                    return;
                }
                eventType = BaselineMessages.DEPOSITED;
                eventJson = BaselineMessages.JSON.toJson(new Deposited(accountId, command.amount(),
                        command.ticket()));
                probe.onCommandCommit(command.ticket());
            } else {
                reply(message, false, "unknown command " + type);
                return;
            }
            entityManager.persist(new BaselineEvent(accountId, last == null ? 1 : last + 1, eventType, eventJson,
                    CONTEXT, OffsetDateTime.now(ZoneOffset.UTC)));
            // a concurrent command on the same account fails here, and the broker delivers this one again
            entityManager.flush();
            TextMessage event = context.createTextMessage(eventJson);
            event.setStringProperty(BaselineDestinations.TYPE, eventType);
            context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).send(events, event);
            reply(message, true, eventJson);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private Long lastVersion(String accountId) {
        return entityManager.createQuery("SELECT MAX(e.aggregateVersion) FROM BaselineEvent e "
                + "WHERE e.aggregateId = :id", Long.class)
                .setParameter("id", accountId)
                .getSingleResult();
    }

    private void reply(Message request, boolean ok, String body) throws JMSException {
        if (request.getJMSReplyTo() == null) {
            return;
        }
        TextMessage reply = context.createTextMessage(body);
        reply.setJMSCorrelationID(request.getJMSCorrelationID());
        reply.setStringProperty(BaselineDestinations.OUTCOME, ok ? "ok" : "failed");
        context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).send(request.getJMSReplyTo(), reply);
    }
}
