package io.recq.jpa.it;

import java.util.concurrent.atomic.AtomicInteger;

import io.recq.api.CommandHandler;
import io.recq.api.EventHandler;
import io.recq.api.ProjectorStatus;
import io.recq.api.Projector;
import io.recq.api.Service;

/**
 * A service of {@code ServicesIT} that is not ready while its gating projector replays
 * ({@code recq.projector.SlowProjector.gating=true}): its projector takes its time over each replayed event, and
 * its command handler says how many the projector had handled when the command reached it.
 */
public final class AccountsGated {

    /** How long the projector takes over each event it replays, in milliseconds. */
    static final long REPLAY_PAUSE_MS = 700;

    private AccountsGated() {
    }

    @Projector
    public static class SlowProjector {

        static final AtomicInteger HANDLED = new AtomicInteger();

        @EventHandler
        void on(AccountsApi.WalletOpened event, ProjectorStatus status) throws InterruptedException {
            handle(status);
        }

        @EventHandler
        void on(AccountsApi.ToppedUp event, ProjectorStatus status) throws InterruptedException {
            handle(status);
        }

        private static void handle(ProjectorStatus status) throws InterruptedException {
            if (!status.isHeadReached()) {
                Thread.sleep(REPLAY_PAUSE_MS);
            }
            HANDLED.incrementAndGet();
        }
    }

    @Service
    public static class DoorService {

        @CommandHandler
        AccountsApi.Knocked answer(AccountsApi.Knock command) {
            return new AccountsApi.Knocked(command.id(), SlowProjector.HANDLED.get());
        }
    }
}
