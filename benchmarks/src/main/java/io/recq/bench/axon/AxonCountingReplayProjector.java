package io.recq.bench.axon;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import io.recq.bench.axon.AxonMessages.HistoryDeposited;
import io.recq.bench.replay.ReplayMeter;

/**
 * Replays the stored history into nothing but a count: what a replay costs in Axon alone (read the events and
 * their payloads, call the handler, store the token).
 */
@ProcessingGroup(AxonCountingReplayProjector.NAME)
public class AxonCountingReplayProjector {

    /** The processor's name. */
    public static final String NAME = "AxonCountingReplayProjector";

    private final ReplayMeter meter;

    /**
     * @param meter counts the committed events
     */
    public AxonCountingReplayProjector(ReplayMeter meter) {
        this.meter = meter;
    }

    @EventHandler
    void on(HistoryDeposited event) {
        if (event.amount() > 0) {
            meter.handled();
        }
    }
}
