package io.recq.jpa.it;

import io.recq.api.CommandGateway;
import io.recq.api.DomainEvent;
import io.recq.api.Saga;
import io.recq.api.SagaEventHandler;
import io.recq.api.SagaState;

/**
 * A saga that opens a tally when an opening is requested: its command leaves in the saga's transaction.
 */
public final class Refusals {

    private Refusals() {
    }

    /** Stored directly in the event store by the test, so that no command has to cross the broker. */
    public record OpeningRequested(String aggregateId, String tallyId) implements DomainEvent {
    }

    public static class OpeningState extends SagaState {
    }

    @Saga
    public static class OpeningSaga {

        @SagaEventHandler(init = true, associationProperty = "tallyId")
        OpeningState on(OpeningRequested event, CommandGateway commandGateway) {
            commandGateway.send(new Faults.OpenTally(event.tallyId()));
            return new OpeningState();
        }
    }
}
