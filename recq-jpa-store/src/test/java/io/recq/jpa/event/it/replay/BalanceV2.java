package io.recq.jpa.event.it.replay;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The read model of version 2 of the replay test's projector. */
@Entity
@Table(name = "it_replay_v2")
public class BalanceV2 {
    @Id
    public String account;
    public long total;
    public long deposits;
    public long lastSequence;

    /**
     * Changes the row. Its fields change only inside the entity: a provider that weaves entities for change
     * tracking (EclipseLink, Payara's) sees no write made to a field from outside.
     *
     * @param amount the deposit
     * @param sequence the event's sequence
     */
    public void deposit(long amount, long sequence) {
        total += amount;
        deposits++;
        lastSequence = sequence;
    }
}
