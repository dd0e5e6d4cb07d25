package io.recq.bench.replay;

import jakarta.inject.Inject;

import io.recq.api.EventHandler;
import io.recq.api.Projector;
import io.recq.bench.account.Deposited;

/**
 * Replays the stored history into nothing but a count: what a replay costs in the framework alone (read the
 * events, read their payloads, call the handler, move the position), without a read model's own work.
 */
@Projector(contexts = "history")
public class CountingReplayProjector {

    @Inject
    ReplayMeter meter;

    @EventHandler
    void on(Deposited event) {
        if (event.amount() > 0) {
            meter.handled();
        }
    }
}
