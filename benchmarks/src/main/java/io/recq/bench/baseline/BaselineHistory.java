package io.recq.bench.baseline;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;

import io.recq.bench.account.AccountBalance;
import io.recq.bench.baseline.BaselineMessages.Deposited;

/**
 * The baseline's stored history and its replay: a hand-written rebuild that reads the events in pages by id
 * (outside the transaction), then applies those of one context to {@link BaselineReplayBalance} and moves its
 * {@link BaselinePosition}, one transaction per page.
 */
@ApplicationScoped
public class BaselineHistory {

    /** The context of the history the replays read. */
    public static final String CONTEXT = "history";
    private static final String POSITION = "replay";

    @PersistenceContext(unitName = AccountBalance.UNIT)
    EntityManager entityManager;

    @Resource
    UserTransaction transaction;

    /**
     * @return how many history events are stored
     */
    public long count() {
        return entityManager.createQuery("SELECT COUNT(e) FROM BaselineEvent e WHERE e.context = :c", Long.class)
                .setParameter("c", CONTEXT).getSingleResult();
    }

    /**
     * Stores deposits round-robin on {@code accounts} history accounts, in transactions of {@code batch}.
     *
     * @param events how many
     * @param accounts over how many accounts
     * @param batch events per transaction
     * @throws Exception when the store fails
     */
    public void seed(int events, int accounts, int batch) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int from = 0; from < events; from += batch) {
            transaction.begin();
            try {
                for (int i = from; i < Math.min(events, from + batch); i++) {
                    String account = "h-" + (i % accounts);
                    long version = i / accounts + 1;
                    entityManager.persist(new BaselineEvent(account, version, BaselineMessages.DEPOSITED,
                            BaselineMessages.JSON.toJson(new Deposited(account, 1 + i % 100, 0)), CONTEXT, now));
                }
                entityManager.flush();
                entityManager.clear();
                transaction.commit();
            } finally {
                rollbackIfActive();
            }
        }
    }

    /**
     * Forgets the replayed read model and position.
     *
     * @throws Exception when the store fails
     */
    public void reset() throws Exception {
        transaction.begin();
        try {
            entityManager.createQuery("DELETE FROM BaselineReplayBalance").executeUpdate();
            entityManager.createQuery("DELETE FROM BaselinePosition").executeUpdate();
            transaction.commit();
        } finally {
            rollbackIfActive();
        }
    }

    /**
     * Replays the history from the first event.
     *
     * @param pageSize events per transaction
     * @param readModel whether each event updates {@link BaselineReplayBalance}, or is only read and counted
     * @return how many events were applied
     * @throws Exception when the store fails
     */
    public long replay(int pageSize, boolean readModel) throws Exception {
        long applied = 0;
        BaselinePosition start = entityManager.find(BaselinePosition.class, POSITION);
        long after = start == null ? 0 : start.getLastId();
        while (true) {
            // read outside the transaction, as a tracker does: the rows are not managed, nothing to dirty-check.
            // By id alone, the context is filtered here: H2 does not return "context = ? AND id > ? ORDER BY id"
            // in the order of the (context, id) index, and sorts every row of the context for each page.
            List<BaselineEvent> page = entityManager.createQuery("SELECT e FROM BaselineEvent e "
                    + "WHERE e.id > :after ORDER BY e.id", BaselineEvent.class)
                    .setParameter("after", after)
                    .setMaxResults(pageSize)
                    .getResultList();
            if (page.isEmpty()) {
                return applied;
            }
            transaction.begin();
            try {
                for (BaselineEvent event : page) {
                    if (!CONTEXT.equals(event.getContext())
                            || !BaselineMessages.DEPOSITED.equals(event.getPayloadType())) {
                        continue;
                    }
                    Deposited deposited = BaselineMessages.JSON.fromJson(event.getPayload(), Deposited.class);
                    if (readModel) {
                        BaselineReplayBalance balance = entityManager.find(BaselineReplayBalance.class,
                                deposited.accountId());
                        if (balance == null) {
                            balance = new BaselineReplayBalance(deposited.accountId());
                            entityManager.persist(balance);
                        }
                        balance.deposit(deposited.amount());
                        applied++;
                    } else if (deposited.amount() > 0) {
                        applied++;
                    }
                }
                BaselinePosition position = entityManager.find(BaselinePosition.class, POSITION);
                if (position == null) {
                    position = new BaselinePosition(POSITION);
                    entityManager.persist(position);
                }
                after = page.get(page.size() - 1).getId();
                position.setLastId(after);
                transaction.commit();
            } finally {
                rollbackIfActive();
            }
        }
    }

    private void rollbackIfActive() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (Exception e) {
            // nothing more to undo
        }
    }
}
