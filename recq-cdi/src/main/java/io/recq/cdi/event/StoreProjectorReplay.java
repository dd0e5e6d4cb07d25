package io.recq.cdi.event;

import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.recq.api.HandlerNotFoundException;
import io.recq.api.ProjectorReplay;
import io.recq.cdi.model.ComponentKind;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.ConsumerStore;

/**
 * The {@link ProjectorReplay} over the store's {@link ConsumerStore}: the projector's position is set back and
 * its lease freed in one transaction, so that the fencing of the positions stops the node that runs it, and the
 * next claim goes on from the new position.
 */
@ApplicationScoped
public class StoreProjectorReplay implements ProjectorReplay {

    private static final Logger LOG = Logger.getLogger(StoreProjectorReplay.class.getName());
    private static final String PROJECTOR = ComponentKind.PROJECTOR.displayName() + ":";

    private Instance<ConsumerStore> stores;

    protected StoreProjectorReplay() {
        // for the proxy
    }

    @Inject
    public StoreProjectorReplay(Instance<ConsumerStore> stores) {
        this.stores = stores;
    }

    @Override
    public long replay(String consumerId, long fromSequence) {
        if (stores.isUnsatisfied()) {
            throw new HandlerNotFoundException(ErrorCode.NO_EVENT_STORE.code() + " there is nothing to replay: no "
                    + "store is deployed. Fix: add recq-jpa-store to the deployment");
        }
        if (consumerId == null || !consumerId.startsWith(PROJECTOR)) {
            throw new HandlerNotFoundException(ErrorCode.NOT_REPLAYABLE.code() + " " + consumerId + " is not a "
                    + "projector: only a projector can be replayed (a saga or an observer would act twice on the "
                    + "same events). Fix: name a consumer that starts with " + PROJECTOR);
        }
        ConsumerStore store = stores.get();
        long head = store.head();
        if (fromSequence < 1 || fromSequence > head + 1) {
            throw new IllegalArgumentException("a replay of " + consumerId + " starts at an event from 1 to "
                    + (head + 1) + " (the head + 1), not at " + fromSequence);
        }
        Optional<Long> before = store.reset(consumerId, fromSequence - 1);
        long previous = before.orElseThrow(() -> new HandlerNotFoundException(ErrorCode.NOT_REPLAYABLE.code()
                + " there is no consumer " + consumerId + ". Fix: name one that Catalog.consumers() lists"));
        LOG.info(() -> "RECQ replays " + consumerId + " from event " + fromSequence + " (it had handled up to "
                + previous + ", head " + head + ")");
        return previous;
    }
}
