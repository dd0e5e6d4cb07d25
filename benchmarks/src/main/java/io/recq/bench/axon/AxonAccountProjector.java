package io.recq.bench.axon;

import jakarta.persistence.EntityManager;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import io.recq.bench.axon.AxonMessages.AccountOpened;
import io.recq.bench.axon.AxonMessages.Deposited;
import io.recq.bench.probe.CommitProbe;

/**
 * Keeps {@link AxonBalance} up to date with the account events, in the transaction of the tracking processor's
 * batch, which also stores the processor's token.
 */
@ProcessingGroup(AxonApplication.PROJECTOR)
public class AxonAccountProjector {

    private final EntityManager entityManager;
    private final CommitProbe probe;

    /**
     * @param entityManager the read model's (container-managed, transaction-scoped)
     * @param probe the benchmark's commit probe
     */
    public AxonAccountProjector(EntityManager entityManager, CommitProbe probe) {
        this.entityManager = entityManager;
        this.probe = probe;
    }

    @EventHandler
    void on(AccountOpened event) {
        if (entityManager.find(AxonBalance.class, event.accountId()) == null) {
            entityManager.persist(new AxonBalance(event.accountId()));
        }
    }

    @EventHandler
    void on(Deposited event) {
        AxonBalance balance = entityManager.find(AxonBalance.class, event.accountId());
        if (balance == null) {
            balance = new AxonBalance(event.accountId());
            entityManager.persist(balance);
        }
        balance.deposit(event.amount());
        probe.onProjectionCommit(event.ticket());
    }
}
