package io.recq.test.sample;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.recq.api.Multiple;
import io.recq.api.Projection;
import io.recq.api.QueryHandler;

/**
 * Answers questions about accounts from the {@link AccountView} rows.
 */
@Projection
public class AccountsProjection {

    private final EntityManager em;

    @Inject
    public AccountsProjection(EntityManager em) {
        this.em = em;
    }

    @QueryHandler
    AccountSummary find(FindAccount query) {
        AccountView view = em.find(AccountView.class, query.accountId());
        return view == null ? null : view.summary();
    }

    @QueryHandler
    Multiple<AccountSummary> list(ListAccounts query) {
        return Multiple.of(em.createQuery("select a from AccountView a where a.owner = :owner order by a.accountId",
                AccountView.class).setParameter("owner", query.owner()).getResultList().stream()
                .map(AccountView::summary).toList());
    }
}
