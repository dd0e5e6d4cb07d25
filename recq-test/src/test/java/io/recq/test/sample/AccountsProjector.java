package io.recq.test.sample;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.recq.api.EventHandler;
import io.recq.api.EventMessage;
import io.recq.api.Projector;
import io.recq.api.ProjectorStatus;

/**
 * Keeps one {@link AccountView} row per open account.
 */
@Projector
public class AccountsProjector {

    @PersistenceContext
    EntityManager em;

    private int liveEvents;

    /**
     * @param em the entity manager, for a projector created by hand
     */
    public void setEntityManager(EntityManager em) {
        this.em = em;
    }

    @EventHandler
    void on(AccountOpened event, EventMessage<AccountOpened> message, ProjectorStatus status) {
        AccountView view = new AccountView(event.accountId(), event.owner());
        view.apply(0, message.sequence(), message.aggregateVersion());
        em.persist(view);
        count(status);
    }

    @EventHandler
    void on(MoneyDeposited event, EventMessage<MoneyDeposited> message, ProjectorStatus status) {
        em.find(AccountView.class, event.accountId()).apply(event.amount(), message.sequence(),
                message.aggregateVersion());
        count(status);
    }

    @EventHandler
    void on(MoneyWithdrawn event, EventMessage<MoneyWithdrawn> message, ProjectorStatus status) {
        em.find(AccountView.class, event.accountId()).apply(-event.amount(), message.sequence(),
                message.aggregateVersion());
        count(status);
    }

    @EventHandler
    void on(AccountClosed event) {
        em.remove(em.find(AccountView.class, event.accountId()));
    }

    private void count(ProjectorStatus status) {
        if (status.isHeadReached()) {
            liveEvents++;
        }
    }

    /**
     * @return how many events arrived once the projector had caught up (not during a replay)
     */
    public int liveEvents() {
        return liveEvents;
    }
}
